package dev.durable.workflow.api;

/** A job name or job parameter that {@link WorkflowJobs} does not take; the message says which. */
public class InvalidJobException extends WorkflowException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message for a person. */
    public InvalidJobException(String message) {
        super(message);
    }
}
