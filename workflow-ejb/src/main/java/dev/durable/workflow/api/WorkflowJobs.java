package dev.durable.workflow.api;

import jakarta.ejb.Local;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bulk work over runs as Jakarta Batch jobs, the same jobs Liberty's batch management submits and lists
 * ({@code /ibm/api/batch}, the Admin Center's Java Batch tool): chunked, checkpointed in the job
 * repository, restartable. Every method needs the role {@value WorkflowInspector#ADMIN} and, for the batch
 * runtime, a batch role ({@code batchAdmin} or {@code batchSubmitter}) of the server's configuration.
 *
 * <p>Parameters are strings, as batch job parameters are. The filter jobs take {@code workflowName},
 * {@code status} (wire names, comma separated), {@code errorCode}, {@code createdAfter} and
 * {@code createdBefore} (ISO-8601 instants); {@link #PURGE_RUNS} also {@code olderThanDays} (required),
 * {@link #CANCEL_RUNS} a {@code reason}, {@link #START_RUNS} {@code workflowName} and {@code inputFile}
 * (a file on the server, one JSON array of arguments per line). Every job takes {@code chunkSize}
 * (runs per transaction and checkpoint, default 100).
 */
@Local
public interface WorkflowJobs {
    /** Deletes terminal runs that ended more than {@code olderThanDays} ago, with their events, hooks and streams. */
    String PURGE_RUNS = "purgeRuns";
    /** Cancels the live runs that match the filter. */
    String CANCEL_RUNS = "cancelRuns";
    /** Re-runs the terminal runs that match the filter ({@link Run#rerun()}). */
    String RERUN_RUNS = "rerunRuns";
    /** Starts one run per line of a JSON-lines file of arguments. */
    String START_RUNS = "startRuns";

    /**
     * Checks the parameters and starts the job.
     *
     * @throws InvalidJobException if the job is not one of these four or a parameter is wrong (the
     *         message says which)
     */
    JobInfo submit(String jobName, Map<String, String> parameters);

    /** One execution of a job, if it exists and is one of these jobs. */
    Optional<JobInfo> find(long executionId);

    /** The most recent executions of these jobs, newest first. */
    List<JobInfo> list(int limit);

    /**
     * Restarts a failed or stopped execution from its last checkpoint, as a new execution.
     *
     * @throws UnknownJobException if there is no such execution of these jobs
     * @throws JobStateException if it cannot be restarted (it did not fail or stop, or is not the latest)
     */
    JobInfo restart(long executionId);

    /**
     * Asks a running execution to stop at its next checkpoint.
     *
     * @throws UnknownJobException if there is no such execution of these jobs
     * @throws JobStateException if it is not running
     */
    JobInfo stop(long executionId);
}
