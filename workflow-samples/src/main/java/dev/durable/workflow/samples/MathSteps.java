package dev.durable.workflow.samples;

import dev.durable.workflow.api.Step;
import jakarta.enterprise.context.ApplicationScoped;

/** Arithmetic steps for {@link AddTen} and {@link ParallelSum}. */
@ApplicationScoped
public class MathSteps {

    @Step
    public int add(int a, int b) {
        return Math.addExact(a, b);
    }

    /** Returns its argument: a step for {@link ParallelSum} to fan out. */
    @Step
    public int value(int i) {
        return i;
    }
}
