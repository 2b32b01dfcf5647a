package dev.durable.workflow.queue;

import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.store.AfterCommit;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Enqueues runs for execution: a message whose body is the run id. Most messages are sent in the
 * caller's JTA transaction (a delivery's), so they are delivered only if it commits. A new run's
 * message, and a resumed run's, is rung after the transaction that wrote the run commits instead
 * ({@link #ringAfterCommit}): then that transaction has one resource, the database, and commits in one
 * phase. Losing such a message is safe: the run's row says it is due, and recovery rings again
 * ({@code EngineLifecycle}). Queue and connection factory are configured in server.xml under the JNDI
 * names below.
 */
@Stateless
@LocalBean
public class RunQueue {
    /** JNDI name of the connection factory. */
    public static final String CONNECTION_FACTORY = "jms/workflow/ConnectionFactory";
    /** JNDI name of the run queue. */
    public static final String QUEUE = "jms/workflow/RunQueue";

    private static final Logger LOG = Logger.getLogger(RunQueue.class.getName());

    /**
     * Wake-ups this close are rung from a timer on this server, after the commit, rather than by a
     * delayed message: on time to a few milliseconds. If the server dies first, the run is due, and
     * recovery rings for it within {@code workflow/recoverySeconds}.
     */
    private static final long SHORT_WAIT_MILLIS = 5000;

    /**
     * Non-persistent: a doorbell need not outlive the messaging engine, as the run's row does and
     * recovery rings again. Measured on Derby: start() p50 1.95 ms against 2.56 ms persistent, and
     * 10,000 starts in 11 s against 19 s (BENCHMARKS.md).
     */
    private static final int DOORBELL_MODE = DeliveryMode.NON_PERSISTENT;

    @Inject
    @JMSConnectionFactory(CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

    @Resource(lookup = CONNECTION_FACTORY)
    ConnectionFactory connections;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedScheduledExecutorService timers;

    /**
     * Rings for the run once the current transaction has committed (at once if there is none), outside
     * any transaction; nothing if it rolls back. A failure to send is logged: recovery rings again.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void ringAfterCommit(String runId) {
        ringAfterCommit(List.of(runId));
    }

    /** {@link #ringAfterCommit(String)} for several runs, sent together. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void ringAfterCommit(List<String> runIds) {
        if (!runIds.isEmpty()) {
            AfterCommit.run(transactions, () -> ring(runIds));
        }
    }

    private void ring(List<String> runIds) {
        try (JMSContext context = connections.createContext()) {
            var producer = context.createProducer().setDeliveryMode(DOORBELL_MODE);
            for (String runId : runIds) {
                producer.send(queue, runId);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not enqueue " + (runIds.size() == 1 ? "run " + runIds.get(0) : runIds.size() + " runs")
                    + " (" + e + "); recovery enqueues " + (runIds.size() == 1 ? "it" : "them") + " within "
                    + EngineConfig.RECOVERY.toSeconds() + " s of the messaging engine being back");
        }
    }

    /**
     * Returns normally when a connection to the messaging engine opens; throws what the connection factory
     * said otherwise. Outside any transaction, so that a probe never enlists the messaging engine.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void ping() {
        try (JMSContext context = connections.createContext()) {
            context.createProducer(); // opens the session as well as the connection
        }
    }

    /** Enqueues the run for delivery now. */
    public void send(String runId) {
        send(runId, 0);
    }

    /** Enqueues the run for delivery after {@code delayMillis}. */
    public void send(String runId, long delayMillis) {
        send(runId, delayMillis, 0);
    }

    /**
     * Enqueues the run for delivery after {@code delayMillis}, noting how many deliveries of the message
     * have found no such run so far.
     */
    public void send(String runId, long delayMillis, int missing) {
        if (delayMillis > 0 && delayMillis <= SHORT_WAIT_MILLIS && missing == 0) {
            // the messaging engine resolves delivery delays to about a second: ring from a timer here
            AfterCommit.run(transactions, () -> {
                try {
                    timers.schedule(() -> ring(List.of(runId)), delayMillis, TimeUnit.MILLISECONDS);
                } catch (RuntimeException stopping) {
                    LOG.fine(() -> "No timer for run " + runId + " (" + stopping + "); recovery rings for it");
                }
            });
            return;
        }
        var producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        if (delayMillis > 0) {
            producer.setDeliveryDelay(delayMillis);
        }
        if (missing > 0) {
            producer.setProperty(MISSING_PROPERTY, missing);
        }
        producer.send(queue, runId);
    }

    /** Enqueues parallel steps of a run, one message each, in one transaction. */
    public void sendSteps(String runId, List<String> stepIds) {
        var producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        for (String stepId : stepIds) {
            producer.setProperty(STEP_PROPERTY, stepId).send(queue, runId);
        }
    }

    /** Enqueues one parallel step after {@code delayMillis}. */
    public void sendStep(String runId, String stepId, long delayMillis) {
        var producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setProperty(STEP_PROPERTY, stepId);
        if (delayMillis > 0) {
            producer.setDeliveryDelay(delayMillis);
        }
        producer.send(queue, runId);
    }

    /** Sends the engine's probe: a message that only says the queue is consumed. */
    public void sendProbe() {
        jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setProperty(PROBE_PROPERTY, true)
                .send(queue, "probe");
    }

    /** Message property: the message is the engine's probe. */
    static final String PROBE_PROPERTY = "wfProbe";

    /** Message property: the parallel step to execute (absent for a run message). */
    static final String STEP_PROPERTY = "wfStep";

    /** Message property: deliveries so far that found no such run. */
    static final String MISSING_PROPERTY = "wfMissing";
}
