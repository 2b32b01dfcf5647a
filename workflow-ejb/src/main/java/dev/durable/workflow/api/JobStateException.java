package dev.durable.workflow.api;

/** The job execution is not in a state that allows the operation (restart a job that neither failed nor stopped, stop one that is not running). */
public class JobStateException extends WorkflowException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message for a person. */
    public JobStateException(String message) {
        super(message);
    }
}
