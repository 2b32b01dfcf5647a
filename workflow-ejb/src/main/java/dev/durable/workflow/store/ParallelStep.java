package dev.durable.workflow.store;

import java.time.Instant;

/**
 * What a parallel step's delivery found when it tried to begin an attempt.
 *
 * @param workflowName the run's workflow (for the step's retry policy)
 * @param stepName the step to execute, when {@code attempt > 0}
 * @param inputJson its arguments
 * @param attempt the attempt begun; 0 if none was
 * @param startedAt when the attempt began (its {@code step_started})
 * @param retryAt when to look again, if not now; {@code null} when there is nothing left to do
 */
public record ParallelStep(String workflowName, String stepName, String inputJson, int attempt, Instant startedAt,
                           Instant retryAt) {

    static ParallelStep gone() {
        return new ParallelStep(null, null, null, 0, null, null);
    }

    static ParallelStep later(Instant at) {
        return new ParallelStep(null, null, null, 0, null, at);
    }

    static ParallelStep begin(String workflowName, String stepName, String inputJson, int attempt, Instant startedAt) {
        return new ParallelStep(workflowName, stepName, inputJson, attempt, startedAt, null);
    }
}
