package dev.durable.workflow.samples;

import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/** A step throws {@code FatalError}; the workflow catches it and compensates (a saga). */
@Workflow("fatalError")
public class FatalErrorSaga {

    @Inject
    FlakySteps steps;

    public String run(String order) {
        try {
            return steps.charge(order);
        } catch (StepFailedException e) {
            return steps.cancelOrder(order) + " after: " + e.errorMessage();
        }
    }
}
