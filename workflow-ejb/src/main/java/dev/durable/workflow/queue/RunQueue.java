package dev.durable.workflow.queue;

import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.util.List;

/**
 * Enqueues runs for execution: a persistent message whose body is the run id, sent in the caller's JTA
 * transaction, so it is delivered only if that transaction commits. Queue and connection factory are
 * configured in server.xml under the JNDI names below.
 */
@Stateless
@LocalBean
public class RunQueue {
    /** JNDI name of the connection factory. */
    public static final String CONNECTION_FACTORY = "jms/workflow/ConnectionFactory";
    /** JNDI name of the run queue. */
    public static final String QUEUE = "jms/workflow/RunQueue";

    @Inject
    @JMSConnectionFactory(CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

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
