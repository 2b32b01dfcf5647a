package dev.durable.workflow.engine;

/**
 * Unwinds a workflow method when the delivery must stop before the workflow ends. An {@link Error}, so
 * that a workflow's {@code catch (Exception e)} cannot swallow it.
 */
final class Suspension extends Error {
    private static final long serialVersionUID = 1L;

    enum Reason {
        /** The delivery used its time budget: re-enqueue and continue in a new delivery. */
        CONTINUE,
        /** The delivery lost its fence: someone else owns the run now, or it was cancelled. */
        FENCE_LOST
    }

    final Reason reason;

    Suspension(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }
}
