package dev.durable.workflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A handle to one workflow run. Each accessor reads the run's current state from the database.
 *
 * @param <T> the workflow method's return type
 */
public interface Run<T> {

    /** The run's id: {@code wrun_} followed by a ULID. */
    String runId();

    /** @throws UnknownRunException if the run does not exist */
    RunStatus status();

    /** @throws UnknownRunException if the run does not exist */
    String workflowName();

    /** @throws UnknownRunException if the run does not exist */
    Instant createdAt();

    /** When the run first began executing; empty while it is pending. */
    Optional<Instant> startedAt();

    /** When the run reached a terminal status; empty before. */
    Optional<Instant> completedAt();

    /**
     * Waits until the run is terminal and returns the workflow's result.
     *
     * @throws RunFailedException if the run failed (carries the error code and message)
     * @throws RunCancelledException if the run was cancelled
     * @throws RunNotCompletedException if the run is not terminal within {@code timeout}
     * @throws UnknownRunException if the run does not exist
     */
    T returnValue(Duration timeout);

    /**
     * Cancels the run: it executes no further steps.
     *
     * @throws RunAlreadyTerminalException if the run had already completed, failed or been cancelled
     * @throws UnknownRunException if the run does not exist
     */
    void cancel();

    /**
     * Ends the run's pending sleeps now; the run resumes at once.
     *
     * @return how many sleeps were ended
     * @throws RunAlreadyTerminalException if the run has ended
     * @throws UnknownRunException if the run does not exist
     */
    int wakeUp();

    /** Whether a run with this id exists. */
    boolean exists();
}
