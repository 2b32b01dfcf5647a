package dev.durable.workflow.api;

/** Why a run failed; recorded with {@code run_failed} and carried by {@link RunFailedException}. */
public enum ErrorCode {
    /** The workflow, or a step it did not catch, threw. */
    USER_ERROR,
    /** The run's log grew past the configured ceiling. */
    MAX_EVENTS_EXCEEDED,
    /** The run's message kept failing outside user code. */
    MAX_DELIVERIES_EXCEEDED,
    /** Replaying the workflow took too long. */
    REPLAY_TIMEOUT,
    /** The workflow's code no longer matches its log (a different step at the same position). */
    REPLAY_DIVERGENCE,
    /** The log could not be read back. */
    CORRUPTED_EVENT_LOG,
    /** The engine failed for a reason of its own. */
    RUNTIME_ERROR
}
