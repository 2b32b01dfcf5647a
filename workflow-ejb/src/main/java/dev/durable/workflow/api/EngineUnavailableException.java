package dev.durable.workflow.api;

/**
 * The engine cannot execute runs now, so it refuses to accept them rather than leave them pending: for
 * example, nothing has consumed its run queue since the server started (its message listener is not
 * bound, or cannot reach the messaging engine). The message says what to fix; retry after it is fixed.
 */
public class EngineUnavailableException extends WorkflowException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public EngineUnavailableException(String message) {
        super(message);
    }
}
