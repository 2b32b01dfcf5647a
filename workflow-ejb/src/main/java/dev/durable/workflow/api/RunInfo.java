package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * A run as stored. {@code inputJson} and {@code outputJson} are the JSON texts of the arguments array
 * and of the result.
 */
public record RunInfo(String runId, String workflowName, RunStatus status, String deploymentId,
                      String inputJson, String outputJson, ErrorCode errorCode, String errorMessage,
                      Instant createdAt, Instant startedAt, Instant completedAt) implements Serializable {
}
