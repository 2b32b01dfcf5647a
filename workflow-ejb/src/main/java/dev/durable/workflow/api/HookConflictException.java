package dev.durable.workflow.api;

/**
 * Thrown by {@link Workflows#createHook} when another run's active hook holds the token (the log records
 * {@code hook_conflict}). The workflow may catch it, e.g. to report a duplicate request. The same
 * conflict is thrown again at that point on every replay.
 */
public class HookConflictException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String token;

    /** @param token the token that was taken */
    public HookConflictException(String token) {
        super("Hook token '" + token + "' is held by another active hook");
        this.token = token;
    }

    /** The token that was taken. */
    public String token() {
        return token;
    }
}
