package dev.durable.workflow.api;

import java.time.Instant;
import java.util.Map;

/**
 * One execution of a {@link WorkflowJobs} job, as the batch job repository records it.
 *
 * @param executionId the execution's id (batch management's job execution id)
 * @param instanceId its job instance (a restart is a new execution of the same instance)
 * @param jobName {@code purgeRuns}, {@code cancelRuns}, {@code rerunRuns} or {@code startRuns}
 * @param status the batch status: {@code STARTING}, {@code STARTED}, {@code STOPPING}, {@code STOPPED},
 *        {@code FAILED}, {@code COMPLETED} or {@code ABANDONED}
 * @param exitStatus the exit status the job set, or {@code null} while it runs
 * @param createdAt when it was submitted
 * @param startedAt when it started, or {@code null}
 * @param endedAt when it ended, or {@code null}
 * @param parameters its job parameters
 * @param read runs (or lines) read so far
 * @param written runs purged, cancelled, re-run or started so far
 */
public record JobInfo(long executionId, long instanceId, String jobName, String status, String exitStatus,
                      Instant createdAt, Instant startedAt, Instant endedAt, Map<String, String> parameters,
                      long read, long written) {
}
