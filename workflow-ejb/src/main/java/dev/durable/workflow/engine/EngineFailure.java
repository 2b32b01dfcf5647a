package dev.durable.workflow.engine;

/**
 * A failure of the engine's own infrastructure (database, queue) met while the workflow method runs.
 * An {@link Error} so that workflow code cannot catch it: the delivery fails and the message comes back,
 * instead of the run failing as if the workflow had thrown.
 */
final class EngineFailure extends Error {
    private static final long serialVersionUID = 1L;

    EngineFailure(RuntimeException cause) {
        super(cause.getMessage(), cause, false, false);
    }

    RuntimeException cause0() {
        return (RuntimeException) getCause();
    }
}
