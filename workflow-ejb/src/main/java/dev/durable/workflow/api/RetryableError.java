package dev.durable.workflow.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Thrown by a step to be retried no earlier than a given time (e.g. what a rate limiter asked for).
 * The attempt counts against the step's retries like any other failure.
 */
public class RetryableError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;
    private final Instant retryAt;

    /** Retry after the given delay. */
    public RetryableError(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
        this.retryAt = null;
    }

    /** Retry at or after the given instant. */
    public RetryableError(String message, Instant retryAt) {
        super(message);
        this.retryAfter = null;
        this.retryAt = retryAt;
    }

    /** Retry after the default delay of one second. */
    public RetryableError(String message) {
        this(message, Duration.ofSeconds(1));
    }

    /** When the step may be tried again, given the time it failed. */
    public Instant retryAt(Instant failedAt) {
        return retryAt != null ? retryAt : failedAt.plus(retryAfter);
    }
}
