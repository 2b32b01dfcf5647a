package dev.durable.workflow.api;

import java.time.Instant;

/**
 * Which runs {@link WorkflowInspector#listRuns(RunFilter, int, String)} lists: each member that is not
 * {@code null} narrows the list, and all must hold.
 *
 * @param workflowName runs of this workflow
 * @param status runs in this status
 * @param createdAfter runs created at or after this instant
 * @param createdBefore runs created before this instant
 * @param idempotencyKey the run holding this idempotency key
 * @param rerunOf the runs started by {@link Run#rerun()} of this run
 */
public record RunFilter(String workflowName, RunStatus status, Instant createdAfter, Instant createdBefore,
                        String idempotencyKey, String rerunOf) {

    /** Every run. */
    public static RunFilter all() {
        return new RunFilter(null, null, null, null, null, null);
    }

    /** Runs of one workflow, in one status, either {@code null} for any. */
    public static RunFilter of(String workflowName, RunStatus status) {
        return new RunFilter(workflowName, status, null, null, null, null);
    }
}
