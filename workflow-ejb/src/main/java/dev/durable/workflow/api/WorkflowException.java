package dev.durable.workflow.api;

import jakarta.ejb.ApplicationException;

/**
 * The base of every exception this API throws. It reaches callers of the session beans as it is (not
 * wrapped in an {@code EJBException}) and marks the caller's transaction for rollback.
 */
@ApplicationException(rollback = true, inherited = true)
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
