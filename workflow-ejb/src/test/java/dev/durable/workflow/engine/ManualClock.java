package dev.durable.workflow.engine;

import java.time.Duration;
import java.time.Instant;

/** A clock that stands still until the test moves it. */
final class ManualClock extends TestClock {
    private Instant now;

    ManualClock(Instant now) {
        this.now = now;
    }

    void set(Instant instant) {
        now = instant;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
