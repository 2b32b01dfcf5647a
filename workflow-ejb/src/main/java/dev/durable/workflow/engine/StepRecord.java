package dev.durable.workflow.engine;

import java.time.Instant;

/**
 * One step as its events record it: what replay needs to return (or re-throw) its saved outcome, and
 * what a new step's events are written from.
 */
public record StepRecord(String stepId, String stepName, String inputJson, int attempt,
                         Instant createdAt, Instant startedAt, Instant completedAt,
                         boolean failed, String outputJson, String errorType, String errorMessage) {
}
