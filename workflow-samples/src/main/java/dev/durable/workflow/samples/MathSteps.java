package dev.durable.workflow.samples;

import dev.durable.workflow.api.Step;
import jakarta.enterprise.context.ApplicationScoped;

/** Arithmetic steps for {@link AddTen}. */
@ApplicationScoped
public class MathSteps {

    @Step
    public int add(int a, int b) {
        return Math.addExact(a, b);
    }
}
