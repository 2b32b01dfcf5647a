package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;

/**
 * Fails the run with an engine error code ({@code REPLAY_DIVERGENCE}, {@code MAX_EVENTS_EXCEEDED}, ...).
 * An {@link Error} so that workflow code cannot catch it.
 */
final class RunAborted extends Error {
    private static final long serialVersionUID = 1L;
    final ErrorCode code;

    RunAborted(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }
}
