package dev.durable.workflow.store;

import java.time.Instant;
import java.util.Set;

/**
 * Which runs a bulk job works through: each member that is not {@code null} narrows the selection.
 *
 * @param workflowName runs of this workflow
 * @param statuses runs in one of these statuses (wire names); never empty
 * @param errorCode runs that failed with this error code
 * @param createdAfter runs created at or after this instant
 * @param createdBefore runs created before this instant
 * @param endedBefore runs that ended before this instant
 */
public record RunSelection(String workflowName, Set<String> statuses, String errorCode, Instant createdAfter,
                           Instant createdBefore, Instant endedBefore) {
    public RunSelection {
        statuses = Set.copyOf(statuses);
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("A selection needs at least one status");
        }
    }
}
