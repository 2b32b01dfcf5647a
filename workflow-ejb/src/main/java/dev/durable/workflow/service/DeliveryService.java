package dev.durable.workflow.service;

import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.queue.RunDeliveries;
import dev.durable.workflow.queue.RunQueue;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The queue's deliveries, in the message's transaction: executes the run or step (outside any
 * transaction, see {@link RunExecutor} and {@link StepExecutor}) and sends what comes next with the
 * message's consumption.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class DeliveryService implements RunDeliveries {

    @EJB
    RunExecutor executor;

    @EJB
    StepExecutor steps;

    @EJB
    RunQueue queue;

    @Override
    public void deliverRun(String runId, int missingBefore, int deliveryCount) {
        ListenerCheck.consumed();
        RunExecutor.Next next;
        EngineStats.IN_FLIGHT.incrementAndGet();
        try {
            // a message that failed this often outside user code is poison: fail its run rather than loop
            next = deliveryCount > EngineConfig.MAX_DELIVERIES
                    ? executor.poisoned(runId, deliveryCount - 1)
                    : executor.deliver(runId, missingBefore);
        } finally {
            EngineStats.IN_FLIGHT.decrementAndGet();
        }
        if (next.redeliverAfterMillis() >= 0) {
            queue.send(runId, next.redeliverAfterMillis(), next.missing());
        }
        if (next.resume() != null) {
            queue.send(next.resume());
        }
    }

    @Override
    public void probe() {
        ListenerCheck.consumed();
    }

    @Override
    public void deliverStep(String runId, String stepId) {
        ListenerCheck.consumed();
        StepExecutor.Next next;
        EngineStats.IN_FLIGHT.incrementAndGet();
        try {
            next = steps.execute(runId, stepId);
        } finally {
            EngineStats.IN_FLIGHT.decrementAndGet();
        }
        if (next.retryAfterMillis() >= 0) {
            queue.sendStep(runId, stepId, next.retryAfterMillis());
        }
        if (next.resumeRun()) {
            queue.send(runId);
        }
    }
}
