package dev.durable.workflow.api;

import jakarta.ejb.ApplicationException;

/**
 * The base of every exception this API throws. It reaches callers of the session beans as it is (not
 * wrapped in an {@code EJBException}). It leaves the caller's transaction alone: the calls that throw
 * it have written nothing, so the caller decides whether to roll back.
 */
@ApplicationException(rollback = false, inherited = true)
public class WorkflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public WorkflowException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public WorkflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
