package dev.durable.workflow.api;

/** No execution of a {@link WorkflowJobs} job has this id. */
public class UnknownJobException extends WorkflowException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message for a person. */
    public UnknownJobException(String message) {
        super(message);
    }
}
