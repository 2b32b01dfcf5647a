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
     * Cancels the run, at once: a run that sleeps or waits on a hook is {@code cancelled} when this
     * returns; a running one stops at its next durable operation (a step already executing finishes, but
     * its result is not recorded; it can check {@link Workflows#cancelRequested()}). Its hooks are disposed,
     * freeing their tokens, and its live child runs are cancelled too, except those started with
     * {@link Workflows#startDetached}. Joins the caller's transaction.
     *
     * @throws RunAlreadyTerminalException if the run had already completed, failed or been cancelled
     * @throws UnknownRunException if the run does not exist
     */
    void cancel();

    /** Cancels the run (see {@link #cancel()}), recording {@code reason} on its {@code run_cancelled} event. */
    void cancel(String reason);

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
