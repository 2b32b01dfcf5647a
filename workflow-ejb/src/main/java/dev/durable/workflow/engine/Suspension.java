package dev.durable.workflow.engine;

import java.time.Instant;
import java.util.List;

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
        FENCE_LOST,
        /** The workflow waits (a sleep, a retry delay, a child run): save {@code events}, resume at {@code wakeAt}. */
        WAIT,
        /** The workflow waits (parallel steps, a hook) and the run is already suspended: resume at {@code wakeAt}, if set. */
        PARKED
    }

    final Reason reason;
    final transient Instant wakeAt;
    final transient List<Event> events;

    Suspension(Reason reason) {
        this(reason, null, List.of());
    }

    Suspension(Reason reason, Instant wakeAt, List<Event> events) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.wakeAt = wakeAt;
        this.events = events;
    }
}
