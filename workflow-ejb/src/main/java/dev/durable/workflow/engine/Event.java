package dev.durable.workflow.engine;

import dev.durable.workflow.api.EventType;
import java.time.Instant;

/**
 * One event of a run's log as the engine reads and writes it. {@code data} is the event's JSON payload
 * (see {@link EventData}); {@code seq} is its position in the log, or -1 for an event not yet appended.
 */
public record Event(int seq, EventType type, String correlationId, Instant createdAt, String data) {

    /** A new event, to be appended. */
    public static Event of(EventType type, String correlationId, Instant createdAt, String data) {
        return new Event(-1, type, correlationId, createdAt, data);
    }
}
