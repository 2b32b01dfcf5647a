package dev.durable.workflow.samples;

import dev.durable.workflow.api.Step;
import jakarta.enterprise.context.ApplicationScoped;

/** A step that always throws, for {@link Failing}. */
@ApplicationScoped
public class FailingSteps {

    @Step
    public void fail(String message) {
        throw new IllegalStateException(message);
    }
}
