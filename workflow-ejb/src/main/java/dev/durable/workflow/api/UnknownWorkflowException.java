package dev.durable.workflow.api;

/** No workflow is registered under the given name or class. */
public class UnknownWorkflowException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String workflowName;

    /** @param workflowName the name that was asked for */
    public UnknownWorkflowException(String workflowName) {
        super("No workflow named '" + workflowName + "' is registered");
        this.workflowName = workflowName;
    }

    /** The name that was asked for. */
    public String workflowName() {
        return workflowName;
    }
}
