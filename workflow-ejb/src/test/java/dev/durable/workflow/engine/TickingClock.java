package dev.durable.workflow.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that returns {@code start}, then advances by {@code tick} at every reading. */
final class TickingClock extends Clock {
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

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
