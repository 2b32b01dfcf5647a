package dev.durable.workflow.queue;

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
 * Takes messages off the run queue and hands each to {@link RunDeliveries}; nothing more. The message
 * is consumed in a container transaction, together with any follow-up message: if the server dies
 * mid-delivery, the message comes back and the run resumes from its log.
 */
@MessageDriven(name = "RunMessageListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = RunQueue.QUEUE)})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class RunMessageListener implements MessageListener {
    private static final Logger LOG = Logger.getLogger(RunMessageListener.class.getName());

    @EJB
    RunDeliveries deliveries;

    @Override
    public void onMessage(Message message) {
        String runId;
        String stepId;
        boolean probe;
        int missing;
        int count;
        try {
            probe = message.propertyExists(RunQueue.PROBE_PROPERTY);
            runId = message instanceof TextMessage text ? text.getText() : null;
            stepId = message.propertyExists(RunQueue.STEP_PROPERTY) ? message.getStringProperty(RunQueue.STEP_PROPERTY) : null;
            missing = message.propertyExists(RunQueue.MISSING_PROPERTY) ? message.getIntProperty(RunQueue.MISSING_PROPERTY) : 0;
            count = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read run message", e);
        }
        if (probe) {
            deliveries.probe();
        } else if (runId == null || runId.isBlank()) {
            LOG.log(Level.WARNING, "Dropping a message without a run id: {0}", message);
        } else if (stepId != null) {
            deliveries.deliverStep(runId, stepId);
        } else {
            deliveries.deliverRun(runId, missing, count);
        }
    }
}
