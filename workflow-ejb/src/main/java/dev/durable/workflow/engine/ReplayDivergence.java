package dev.durable.workflow.engine;

/**
 * The workflow's code no longer matches the run's log. An {@link Error} so that workflow code cannot
 * catch it; it fails the run with {@code REPLAY_DIVERGENCE}.
 */
final class ReplayDivergence extends Error {
    private static final long serialVersionUID = 1L;

    ReplayDivergence(String message) {
        super(message, null, false, false);
    }
}
