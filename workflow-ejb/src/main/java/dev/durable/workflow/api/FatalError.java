package dev.durable.workflow.api;

/**
 * Thrown by a step to fail at once, without retries. The workflow sees a {@link StepFailedException}
 * at the step's call site (with {@link StepFailedException#fatal()} true) and may catch it, e.g. to
 * compensate; uncaught, it fails the run with {@link ErrorCode#USER_ERROR}.
 */
public class FatalError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, recorded in the log */
    public FatalError(String message) {
        super(message);
    }

    /** @param message what went wrong; @param cause the underlying exception */
    public FatalError(String message, Throwable cause) {
        super(message, cause);
    }
}
