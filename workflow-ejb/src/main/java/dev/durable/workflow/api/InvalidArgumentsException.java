package dev.durable.workflow.api;

/**
 * The arguments of a start do not fit the workflow: wrong count, a value of the wrong type, or a value
 * that cannot be serialized as JSON.
 */
public class InvalidArgumentsException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final int argumentIndex;

    /**
     * @param message what is wrong, for a person
     * @param argumentIndex the zero-based index of the offending argument, or -1 if it is not one argument
     */
    public InvalidArgumentsException(String message, int argumentIndex) {
        super(message);
        this.argumentIndex = argumentIndex;
    }

    /** The zero-based index of the offending argument, or -1. */
    public int argumentIndex() {
        return argumentIndex;
    }
}
