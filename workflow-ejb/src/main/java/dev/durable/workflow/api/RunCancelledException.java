package dev.durable.workflow.api;

/** Thrown by {@link Run#returnValue} for a cancelled run. */
public class RunCancelledException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String runId;

    /** @param runId the cancelled run */
    public RunCancelledException(String runId) {
        super("Run '" + runId + "' was cancelled");
        this.runId = runId;
    }

    /** The run's id. */
    public String runId() {
        return runId;
    }
}
