package dev.durable.workflow.api;

import jakarta.ejb.Local;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Reads runs, their steps and their event logs: the observability side of the engine, also behind the
 * REST API. Pages are read with an opaque cursor taken from the previous page.
 *
 * <p>It reads every run, so its caller needs one of the roles {@value #VIEWER}, {@value #OPERATOR} or
 * {@value #ADMIN} (else {@code jakarta.ejb.EJBAccessException}): a signed-in user of the registry's
 * groups of those names, or code that no user calls (a timer, a message listener) running in a bean
 * annotated {@code @RunAs("workflow-viewer")}, with a run-as user in the application's binding.
 */
@Local
public interface WorkflowInspector {

    /** The role that reads runs. */
    String VIEWER = "workflow-viewer";
    /** The role that also starts and changes runs through the REST API. */
    String OPERATOR = "workflow-operator";
    /** The role that also runs bulk jobs. */
    String ADMIN = "workflow-admin";

    /** The largest page size. */
    int MAX_LIMIT = 1000;

    /**
     * Runs, newest first.
     *
     * @param workflowName only runs of this workflow, or {@code null} for all
     * @param status only runs in this status, or {@code null} for all
     * @param limit page size, 1 to {@link #MAX_LIMIT}
     * @param cursor the previous page's cursor, or {@code null} for the first page
     */
    Page<RunInfo> listRuns(String workflowName, RunStatus status, int limit, String cursor);

    /**
     * Runs matching the filter, newest first.
     *
     * @param limit page size, 1 to {@link #MAX_LIMIT}
     * @param cursor the previous page's cursor, or {@code null} for the first page
     */
    Page<RunInfo> listRuns(RunFilter filter, int limit, String cursor);

    /** One run, if it exists. */
    Optional<RunInfo> findRun(String runId);

    /**
     * The run's steps in execution order.
     *
     * @throws UnknownRunException if the run does not exist
     */
    Page<StepInfo> listSteps(String runId, int limit, String cursor);

    /**
     * The run's events in log order.
     *
     * @throws UnknownRunException if the run does not exist
     */
    Page<EventInfo> listEvents(String runId, int limit, String cursor);

    /**
     * The run's hooks and webhooks, in the order the workflow created them, whatever their status.
     *
     * @throws UnknownRunException if the run does not exist
     */
    List<HookInfo> listHooks(String runId);

    /**
     * The run's output streams by name: {@code "default"} always, and those its steps asked for.
     *
     * @throws UnknownRunException if the run does not exist
     */
    List<StreamInfo> listStreams(String runId);

    /**
     * Up to {@code limit} chunks of a stream from {@code startIndex}; a negative {@code startIndex}
     * starts that many chunks from the end (clamped to the first).
     *
     * @throws UnknownRunException if the run does not exist
     * @throws UnknownStreamException if it has no such stream
     */
    StreamPage readStream(String runId, String name, int startIndex, int limit);

    /**
     * Completes when the stream may have more than {@code seen} chunks or be closed: as soon as a chunk
     * is written or the stream closed on this server, and after {@code max} in any case (a change on
     * another server is seen by reading again then). It holds no thread: read again when it completes.
     */
    CompletionStage<Void> awaitStream(String runId, String name, int seen, Duration max);

    /** The registered workflows, by name. */
    List<WorkflowInfo> workflows();
}
