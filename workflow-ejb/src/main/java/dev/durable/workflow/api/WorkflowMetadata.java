package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a workflow knows about its run.
 *
 * @param runId the run's id
 * @param workflowName the workflow's registered name
 * @param startedAt when the run started
 * @param url the run's REST resource
 */
public record WorkflowMetadata(String runId, String workflowName, Instant startedAt, String url) implements Serializable {
}
