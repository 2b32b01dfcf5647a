package dev.durable.workflow.samples;

import dev.durable.workflow.api.Promise;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Starts n steps in parallel, the i-th returning i, and sums them: n(n+1)/2. */
@Workflow("parallelSum")
public class ParallelSum {

    @Inject
    MathSteps math;

    public int run(int n) {
        List<Promise<Integer>> parts = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            int k = i;
            parts.add(Workflows.async(() -> math.value(k)));
        }
        return Workflows.all(parts).stream().mapToInt(Integer::intValue).sum();
    }
}
