package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One event of a run's log. {@code correlationId} ties step events to their step id;
 * {@code eventDataJson} is the event's JSON payload, or {@code null}.
 */
public record EventInfo(String eventId, String runId, EventType eventType, String correlationId,
                        Instant createdAt, String eventDataJson) implements Serializable {
}
