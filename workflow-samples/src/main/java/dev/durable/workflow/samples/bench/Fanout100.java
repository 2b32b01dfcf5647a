package dev.durable.workflow.samples.bench;

import dev.durable.workflow.api.Promise;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** 100 parallel steps, the i-th returning n + i, summed. */
@Workflow("fanout100")
public class Fanout100 {

    @Inject
    BenchSteps steps;

    public int run(int n) {
        return sum(steps, n, 100);
    }

    /** Starts {@code width} steps at once, the i-th returning n + i, and sums what they return. */
    static int sum(BenchSteps steps, int n, int width) {
        List<Promise<Integer>> parts = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            int k = n + i - 1;
            parts.add(Workflows.async(() -> steps.inc(k)));
        }
        return Workflows.all(parts).stream().mapToInt(Integer::intValue).sum();
    }
}
