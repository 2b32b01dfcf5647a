package dev.durable.workflow.api;

/** Thrown by {@link Run#returnValue} when the run is still not terminal at the end of the timeout. */
public class RunNotCompletedException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String runId;
    private final RunStatus status;

    /** @param runId the run; @param status its status when the wait ended */
    public RunNotCompletedException(String runId, RunStatus status) {
        super("Run '" + runId + "' has not completed yet (status " + status.wireName() + ")");
        this.runId = runId;
        this.status = status;
    }

    /** The run's id. */
    public String runId() {
        return runId;
    }

    /** The run's status when the wait ended. */
    public RunStatus status() {
        return status;
    }
}
