package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.RunStatus;
import java.lang.reflect.Type;
import java.util.List;

/** How a workflow starts child runs and learns how they ended. */
public interface ChildRuns {

    /**
     * Starts a child run (or returns the one already started with this key) and returns its id.
     *
     * @param idempotencyKey makes a repeated start (after a crash) return the same child
     */
    String start(String parentRunId, String workflowName, List<?> args, String idempotencyKey);

    /** The child's end, or {@code null} while it is not terminal. */
    Ending ending(String runId);

    /** The registered name of a workflow class. */
    String nameOf(Class<?> workflowClass);

    /** The return type of a workflow. */
    Type returnType(String workflowName);

    /** How a run ended. */
    record Ending(RunStatus status, String outputJson, ErrorCode errorCode, String errorMessage) {
    }
}
