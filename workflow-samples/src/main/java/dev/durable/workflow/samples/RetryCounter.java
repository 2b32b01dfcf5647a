package dev.durable.workflow.samples;

import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/** A step fails twice, then succeeds: returns the attempt that succeeded (3). */
@Workflow("retryCounter")
public class RetryCounter {

    @Inject
    FlakySteps steps;

    public int run() {
        return steps.succeedOnThirdAttempt();
    }
}
