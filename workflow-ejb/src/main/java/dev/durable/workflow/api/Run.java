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

    /**
     * Starts a new run of this run's workflow with the same input and deployment id, whatever this run's
     * status; the new run records this one as the run it repeats ({@link RunInfo#rerunOf()}). Joins the
     * caller's transaction, like {@code start()}.
     *
     * @return the new run
     * @throws UnknownRunException if this run does not exist
     * @throws UnknownWorkflowException if its workflow is not deployed on this server
     */
    Run<T> rerun();

    /** Whether a run with this id exists. */
    boolean exists();

    /** The run's default output stream, from its first chunk; see {@link #getReadable(String, Class, int)}. */
    <C> java.util.stream.Stream<C> getReadable(Class<C> type);

    /**
     * Reads one of the run's output streams: the chunks written so far, then each new one as it is
     * written, decoded into {@code type}; the stream ends after the last chunk once the stream is closed
     * (by a step, or when the run ends). Blocks the consuming thread while waiting; close it to stop.
     *
     * @param startIndex the first chunk to read; a negative one starts that many from the end (clamped to 0)
     * @throws UnknownRunException if the run does not exist
     * @throws UnknownStreamException if it has no such stream
     */
    <C> java.util.stream.Stream<C> getReadable(String name, Class<C> type, int startIndex);

    /**
     * The run's output streams with their chunk counts and whether they are closed.
     *
     * @throws UnknownRunException if the run does not exist
     */
    java.util.List<StreamInfo> streams();
}
