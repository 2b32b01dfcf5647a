package dev.durable.workflow.api;

/** The run has already completed, failed or been cancelled, so it cannot be changed. */
public class RunAlreadyTerminalException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String runId;
    private final RunStatus status;

    /** @param runId the run; @param status its terminal status */
    public RunAlreadyTerminalException(String runId, RunStatus status) {
        super("Run '" + runId + "' is already " + status.wireName());
        this.runId = runId;
        this.status = status;
    }

    /** The run's id. */
    public String runId() {
        return runId;
    }

    /** The run's terminal status. */
    public RunStatus status() {
        return status;
    }
}
