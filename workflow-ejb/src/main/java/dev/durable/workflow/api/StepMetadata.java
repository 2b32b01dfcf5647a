package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a step knows about its own execution.
 *
 * @param stepId the step's id, the same on every attempt: an idempotency key for external calls
 * @param stepName the step's name
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 * @param startedAt when this attempt started
 */
public record StepMetadata(String stepId, String stepName, int attempt, Instant startedAt) implements Serializable {
}
