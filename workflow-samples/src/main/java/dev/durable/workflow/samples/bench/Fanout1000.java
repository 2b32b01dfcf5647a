package dev.durable.workflow.samples.bench;

import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/** 1,000 parallel steps, the i-th returning n + i, summed. */
@Workflow("fanout1000")
public class Fanout1000 {

    @Inject
    BenchSteps steps;

    public int run(int n) {
        return Fanout100.sum(steps, n, 1000);
    }
}
