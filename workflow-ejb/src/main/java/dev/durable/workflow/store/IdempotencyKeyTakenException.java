package dev.durable.workflow.store;

import jakarta.ejb.ApplicationException;

/** Another run holds the idempotency key; the transaction that tried to take it is rolled back. */
@ApplicationException(rollback = true)
public class IdempotencyKeyTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdempotencyKeyTakenException(String key) {
        super("Idempotency key already taken: " + key, null, false, false);
    }
}
