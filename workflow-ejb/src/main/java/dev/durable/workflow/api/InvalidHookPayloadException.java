package dev.durable.workflow.api;

import java.util.List;

/**
 * A payload offered to a hook does not fit the hook's type: it cannot be decoded as JSON of that type,
 * or it breaks the type's Bean Validation constraints. Nothing was appended to the run's log.
 */
public class InvalidHookPayloadException extends WorkflowException {
    private static final long serialVersionUID = 1L;
    private final List<String> violations;

    /** @param token the hook's token; @param violations what is wrong, one entry each ({@code "by: must not be null"}) */
    public InvalidHookPayloadException(String token, List<String> violations) {
        super("Invalid payload for hook '" + token + "': " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    /** What is wrong with the payload, one entry per problem. */
    public List<String> violations() {
        return violations;
    }
}
