package dev.durable.workflow.api;

/** No run has the given id. */
public class UnknownRunException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String runId;

    /** @param runId the id that was asked for */
    public UnknownRunException(String runId) {
        super("No run with id '" + runId + "' exists");
        this.runId = runId;
    }

    /** The id that was asked for. */
    public String runId() {
        return runId;
    }
}
