package dev.durable.workflow.api;

/** The run has no stream of that name: no step has asked for it ({@code "default"} always exists). */
public class UnknownStreamException extends WorkflowException {
    private static final long serialVersionUID = 1L;

    /** @param runId the run, @param name the stream's name that was given */
    public UnknownStreamException(String runId, String name) {
        super("Run " + runId + " has no stream named '" + name + "'");
    }
}
