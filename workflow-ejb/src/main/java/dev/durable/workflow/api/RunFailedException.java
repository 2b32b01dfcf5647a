package dev.durable.workflow.api;

/** Thrown by {@link Run#returnValue} for a failed run; carries the error code and the cause's message. */
public class RunFailedException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String runId;
    private final ErrorCode errorCode;
    private final String errorMessage;

    /**
     * @param runId the run
     * @param errorCode why it failed
     * @param errorMessage the message of the error that failed it
     */
    public RunFailedException(String runId, ErrorCode errorCode, String errorMessage) {
        super("Run '" + runId + "' failed (" + errorCode + "): " + errorMessage);
        this.runId = runId;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    /** The run's id. */
    public String runId() {
        return runId;
    }

    /** Why the run failed. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The message of the error that failed the run. */
    public String errorMessage() {
        return errorMessage;
    }
}
