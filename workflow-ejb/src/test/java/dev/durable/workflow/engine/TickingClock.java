package dev.durable.workflow.engine;

import java.time.Duration;
import java.time.Instant;

/** A clock that returns {@code start}, then advances by {@code tick} at every reading. */
final class TickingClock extends TestClock {
    private Instant next;
    private final Duration tick;

    TickingClock(Instant start, Duration tick) {
        this.next = start;
        this.tick = tick;
    }

    @Override
    public Instant instant() {
        Instant now = next;
        next = next.plus(tick);
        return now;
    }
}
