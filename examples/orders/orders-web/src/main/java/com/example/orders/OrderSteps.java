package com.example.orders;

import dev.durable.workflow.api.RetryPolicy;
import dev.durable.workflow.api.Step;
import dev.durable.workflow.api.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * The steps of {@link OrderFulfilment}: the calls to the warehouse, the payment provider and the
 * carrier (simulated here). A step's id is the same on every attempt, so it serves as the idempotency
 * key a real provider asks for.
 */
@ApplicationScoped
public class OrderSteps {
    private static final Logger LOG = Logger.getLogger(OrderSteps.class.getName());

    /** Reserves the order's stock in the warehouse. */
    @Step
    public String reserve(Order order) {
        LOG.info(() -> "Reserving stock for " + order.orderId());
        return "res-" + order.orderId();
    }

    /**
     * Charges the customer. The simulated provider times out on the first attempt: the step is retried
     * a second later, with the same idempotency key.
     */
    @Step
    @RetryPolicy(maxRetries = 3, delay = "1s")
    public String charge(Order order) {
        var step = Workflows.stepMetadata();
        if (step.attempt() == 1) {
            throw new IllegalStateException("payment provider timed out (idempotency key " + step.stepId() + ")");
        }
        LOG.info(() -> "Charged " + order.totalCents() + " cents to " + order.customer());
        return "pay-" + step.stepId();
    }

    /** Hands the parcel to the carrier. */
    @Step
    public String ship(Order order) {
        LOG.info(() -> "Shipping " + order.orderId() + " to " + order.address());
        return "track-" + order.orderId();
    }
}
