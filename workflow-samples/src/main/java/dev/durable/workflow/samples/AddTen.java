package dev.durable.workflow.samples;

import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/** Three steps adding 2, 3 and 5: returns {@code n + 10}. */
@Workflow("addTen")
public class AddTen {

    @Inject
    MathSteps math;

    public int run(int n) {
        int a = math.add(n, 2);
        int b = math.add(a, 3);
        return math.add(b, 5);
    }
}
