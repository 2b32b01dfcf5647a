package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * A run as stored. {@code inputJson} and {@code outputJson} are the JSON texts of the arguments array
 * and of the result.
 *
 * @param parentRunId the run that started this one as a child, or {@code null}
 * @param rerunOf the run this one repeats ({@link Run#rerun()}), or {@code null}
 */
public record RunInfo(String runId, String workflowName, RunStatus status, String deploymentId,
                      String inputJson, String outputJson, ErrorCode errorCode, String errorMessage,
                      Instant createdAt, Instant startedAt, Instant completedAt, String parentRunId,
                      String rerunOf) implements Serializable {

    /** A run started by no other run and repeating none. */
    public RunInfo(String runId, String workflowName, RunStatus status, String deploymentId, String inputJson,
                   String outputJson, ErrorCode errorCode, String errorMessage, Instant createdAt, Instant startedAt,
                   Instant completedAt) {
        this(runId, workflowName, status, deploymentId, inputJson, outputJson, errorCode, errorMessage, createdAt,
                startedAt, completedAt, null, null);
    }
}
