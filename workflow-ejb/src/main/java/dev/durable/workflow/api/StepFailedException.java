package dev.durable.workflow.api;

/**
 * What a workflow sees at the call site of a step that threw. It is the same on the first execution and
 * on every replay (it carries the original exception's type name and message, not the exception), so a
 * workflow may catch it and decide deterministically, e.g. to compensate. Uncaught, it fails the run
 * with {@link ErrorCode#USER_ERROR} and the step's message.
 */
public class StepFailedException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String stepName;
    private final String errorType;
    private final String errorMessage;

    /**
     * @param stepName the step that failed
     * @param errorType the fully qualified class name of the exception it threw
     * @param errorMessage that exception's message
     */
    public StepFailedException(String stepName, String errorType, String errorMessage) {
        super(errorMessage);
        this.stepName = stepName;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
    }

    /** The step that failed. */
    public String stepName() {
        return stepName;
    }

    /** The class name of the exception the step threw. */
    public String errorType() {
        return errorType;
    }

    /** The message of the exception the step threw. */
    public String errorMessage() {
        return errorMessage;
    }

    /** Whether the step threw {@link FatalError} (rather than running out of retries). */
    public boolean fatal() {
        return FatalError.class.getName().equals(errorType);
    }
}
