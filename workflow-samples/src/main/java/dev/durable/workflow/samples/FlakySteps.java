package dev.durable.workflow.samples;

import dev.durable.workflow.api.FatalError;
import dev.durable.workflow.api.RetryPolicy;
import dev.durable.workflow.api.Step;
import dev.durable.workflow.api.Workflows;
import jakarta.enterprise.context.ApplicationScoped;

/** Steps that fail on purpose, for {@link RetryCounter} and {@link FatalErrorSaga}. */
@ApplicationScoped
public class FlakySteps {

    /** Throws on the first two attempts (retried 1 s apart), returns the attempt number on the third. */
    @Step
    @RetryPolicy(maxRetries = 3, delay = "1s")
    public int succeedOnThirdAttempt() {
        int attempt = Workflows.stepMetadata().attempt();
        if (attempt < 3) {
            throw new IllegalStateException("attempt " + attempt + " failed");
        }
        return attempt;
    }

    /** A payment that can never succeed: not worth retrying. */
    @Step
    public String charge(String order) {
        throw new FatalError("card declined for " + order);
    }

    /** Compensates a failed order. */
    @Step
    public String cancelOrder(String order) {
        return "cancelled " + order;
    }
}
