package dev.durable.workflow.samples;

import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/** A step throws with the given message, so the run fails with {@code USER_ERROR} and that message. */
@Workflow("failing")
public class Failing {

    @Inject
    FailingSteps steps;

    public String run(String message) {
        steps.fail(message);
        return "unreachable";
    }
}
