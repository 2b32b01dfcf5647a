package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * A step of a run, built from its events. {@code inputJson} is the JSON array of its arguments and
 * {@code outputJson} the JSON of its result; {@code errorType} and {@code errorMessage} describe the last
 * failure; {@code attempt} counts the attempts started; {@code retryAfter} is when the next attempt is
 * due while the step waits to be retried. {@code startedAt} is the last attempt's start.
 */
public record StepInfo(String stepId, String stepName, StepStatus status, int attempt,
                       String inputJson, String outputJson, String errorType, String errorMessage,
                       Instant createdAt, Instant startedAt, Instant completedAt, Instant retryAfter)
        implements Serializable {
}
