package dev.durable.workflow.queue;

import jakarta.ejb.Local;

/**
 * What the run queue's messages ask for, as the {@link RunMessageListener} hands them on. Implemented by
 * the engine's service layer; each call runs in the message's container transaction, so the follow-up
 * messages it sends are committed together with the message's consumption.
 */
@Local
public interface RunDeliveries {

    /**
     * A run message: execute the run as far as it goes.
     *
     * @param missingBefore how many earlier deliveries of this message found no such run
     * @param deliveryCount how often this message has been delivered ({@code JMSXDeliveryCount})
     */
    void deliverRun(String runId, int missingBefore, int deliveryCount);

    /** A parallel step's message: execute an attempt of the step, if one is due. */
    void deliverStep(String runId, String stepId);

    /** The engine's probe, sent at start to learn that something consumes the queue. */
    void probe();
}
