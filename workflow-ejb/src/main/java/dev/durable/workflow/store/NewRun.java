package dev.durable.workflow.store;

import java.time.Instant;

/**
 * A run to create: pending, with its {@code run_created} event.
 *
 * @param idempotencyKey the key the run holds, or {@code null}
 * @param parentRunId the run that starts it as a child, or {@code null}
 * @param rerunOf the run it repeats (same workflow, input and deployment), or {@code null}
 * @param traceParent the W3C {@code traceparent} of the span that starts it, or {@code null}
 */
public record NewRun(String runId, String workflowName, String inputJson, String deploymentId, String idempotencyKey,
                     String parentRunId, String rerunOf, Instant createdAt, String traceParent) {

    /** The same run, started in the trace whose span {@code traceParent} names. */
    public NewRun tracedBy(String traceParent) {
        return new NewRun(runId, workflowName, inputJson, deploymentId, idempotencyKey, parentRunId, rerunOf, createdAt,
                traceParent);
    }
}
