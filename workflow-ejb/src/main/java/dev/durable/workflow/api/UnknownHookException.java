package dev.durable.workflow.api;

/** No active hook has the token: it never existed, was disposed, or its run ended. */
public class UnknownHookException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final String token;

    /** @param token the token that was given */
    public UnknownHookException(String token) {
        super("No active hook has token '" + token + "'");
        this.token = token;
    }

    /** The token that was given. */
    public String token() {
        return token;
    }
}
