package dev.durable.workflow.service;

import dev.durable.workflow.api.EngineStatus;
import dev.durable.workflow.api.EngineUnavailableException;
import dev.durable.workflow.queue.RunQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Whether anything consumes the run queue. At start the engine sends a probe message; if no message at
 * all (the probe, a run, a step) has been consumed a while after the start, the message listener is not
 * bound or cannot reach its messaging engine: runs would stay pending without a word. Then the engine
 * logs what to fix and refuses new runs ({@link EngineUnavailableException}) until a message is consumed.
 * Once one has been, the check never fails again in this life of the application: later outages are the
 * queue's to ride out, and a backlog is not a fault. Readiness reports the same ({@link #status()}).
 */
final class ListenerCheck {
    private static final Logger LOG = Logger.getLogger(ListenerCheck.class.getName());
    static final String FIX = "Nothing has consumed the run queue " + RunQueue.QUEUE + " since the engine started, so runs "
            + "would stay pending: the engine's message-driven bean RunMessageListener must be bound to the activation "
            + "specification workflow/RunListener (include workflow-liberty-config.xml in server.xml) and reach its messaging "
            + "engine. New runs are refused until a message is consumed.";

    private static volatile Instant startedAt;
    private static volatile boolean consumed;
    private static volatile boolean failing;

    private ListenerCheck() {
    }

    /** The engine started (and sends its probe): nothing consumed yet. */
    static void started(Instant at) {
        consumed = false;
        failing = false;
        startedAt = at;
    }

    /** A message of the run queue was consumed. */
    static void consumed() {
        if (!consumed) {
            consumed = true;
            if (failing) {
                failing = false;
                LOG.info("The run queue is consumed again; runs are accepted");
            }
        }
    }

    /** Fails the check if nothing has been consumed within {@code window} of the start. */
    static void check(Instant now, Duration window) {
        if (!consumed && !failing && startedAt != null && !now.isBefore(startedAt.plus(window))) {
            failing = true;
            LOG.severe(FIX);
        }
    }

    /** Ready once a message of the run queue has been consumed since the start. */
    static EngineStatus status() {
        if (consumed) {
            return new EngineStatus(true, "The run queue is consumed.");
        }
        return new EngineStatus(false, failing ? FIX : "Waiting for the first message of the run queue to be consumed.");
    }

    /** Refuses new runs while the check fails. */
    static void requireConsumer() {
        if (failing) {
            throw new EngineUnavailableException(FIX);
        }
    }
}
