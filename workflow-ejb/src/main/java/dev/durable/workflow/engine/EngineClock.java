package dev.durable.workflow.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The clock of every timestamp the engine records, in whole microseconds: what PostgreSQL stores, so a
 * time read back from the log equals the time the workflow saw when it was written.
 */
public final class EngineClock {
    /** The clock. */
    public static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

    private EngineClock() {
    }

    /** Now, in microseconds. */
    public static Instant now() {
        return CLOCK.instant();
    }
}
