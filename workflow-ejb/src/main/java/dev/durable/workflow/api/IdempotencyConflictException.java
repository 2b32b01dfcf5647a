package dev.durable.workflow.api;

/**
 * Thrown by {@code start} when its idempotency key is held by a run of another workflow or with other
 * arguments: the key names one request, and this is a different one. (The same workflow and arguments
 * under a held key return the run that holds it.) The REST API answers {@code 409}.
 */
public class IdempotencyConflictException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String idempotencyKey;
    private final String runId;

    /**
     * @param idempotencyKey the key
     * @param runId the run that holds it
     */
    public IdempotencyConflictException(String idempotencyKey, String runId) {
        super("Idempotency key '" + idempotencyKey + "' is held by run " + runId
                + ", started with another workflow or other arguments; use a new key for a new request");
        this.idempotencyKey = idempotencyKey;
        this.runId = runId;
    }

    /** The key. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The run that holds the key. */
    public String runId() {
        return runId;
    }
}
