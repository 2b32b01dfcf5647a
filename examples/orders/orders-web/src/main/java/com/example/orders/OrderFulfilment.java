package com.example.orders;

import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Fulfils an order: reserves the stock, charges the customer, waits for the warehouse to pack the
 * parcel, ships it. Each step runs once even if the server restarts in between; the wait holds no
 * thread and survives restarts.
 */
@Workflow("orderFulfilment")
public class OrderFulfilment {
    /** How long packing takes before the parcel can be handed to the carrier. */
    static final Duration PACKING = Duration.ofSeconds(2);

    @Inject
    OrderSteps steps;

    public Fulfilment run(Order order) {
        String reservation = steps.reserve(order);
        String payment = steps.charge(order);
        Workflows.sleep(PACKING);
        String tracking = steps.ship(order);
        return new Fulfilment(order.orderId(), reservation, payment, tracking);
    }
}
