package dev.durable.workflow.queue;

import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.service.RunExecutor;
import dev.durable.workflow.service.StepExecutor;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes run messages off the queue and hands each to the {@link RunExecutor}. The message is consumed in
 * a container transaction, together with any follow-up message (continue, retry later): if the server
 * dies mid-delivery, the message comes back and the run resumes from its log. The delivery's own
 * database writes are separate, fenced transactions (see {@code RunStore}).
 */
@MessageDriven(name = "RunMessageListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RunQueue.QUEUE)})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class RunMessageListener implements MessageListener {
    private static final Logger LOG = Logger.getLogger(RunMessageListener.class.getName());

    @EJB
    RunExecutor executor;

    @EJB
    StepExecutor steps;

    @EJB
    RunQueue queue;

    @Override
    public void onMessage(Message message) {
        String runId;
        int missing;
        int deliveries;
        String stepId;
        try {
            stepId = message.propertyExists(RunQueue.STEP_PROPERTY) ? message.getStringProperty(RunQueue.STEP_PROPERTY) : null;
            runId = message instanceof TextMessage text ? text.getText() : null;
            missing = message.propertyExists(RunQueue.MISSING_PROPERTY) ? message.getIntProperty(RunQueue.MISSING_PROPERTY) : 0;
            deliveries = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read run message", e);
        }
        if (runId == null || runId.isBlank()) {
            LOG.log(Level.WARNING, "Dropping a message without a run id: {0}", message);
            return;
        }
        if (stepId != null) {
            StepExecutor.Next next = steps.execute(runId, stepId);
            if (next.retryAfterMillis() >= 0) {
                queue.sendStep(runId, stepId, next.retryAfterMillis());
            }
            if (next.resumeRun()) {
                queue.send(runId);
            }
            return;
        }
        // a message that failed this often outside user code is poison: fail its run rather than loop
        RunExecutor.Next next = deliveries > EngineConfig.MAX_DELIVERIES
                ? executor.poisoned(runId, deliveries - 1)
                : executor.deliver(runId, missing);
        if (next.redeliverAfterMillis() >= 0) {
            queue.send(runId, next.redeliverAfterMillis(), next.missing());
        }
        if (next.resume() != null) {
            queue.send(next.resume());
        }
    }
}
