package dev.durable.workflow.store;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.engine.Event;

/** Converts between the engine's events and their rows. */
final class Events {
    private Events() {
    }

    static Event toEvent(EventEntity e) {
        return new Event(e.seq, EventType.fromWireName(e.eventType), e.correlationId, e.createdAt, e.eventData);
    }

    static EventEntity toEntity(String runId, int seq, Event e) {
        return new EventEntity(runId, seq, e.type().wireName(), e.correlationId(), e.createdAt(), e.data());
    }
}
