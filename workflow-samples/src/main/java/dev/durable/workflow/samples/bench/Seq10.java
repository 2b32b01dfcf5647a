package dev.durable.workflow.samples.bench;

import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/** 10 sequential steps, each returning its input + 1. */
@Workflow("seq10")
public class Seq10 {

    @Inject
    BenchSteps steps;

    public int run(int n) {
        return BenchSteps.chain(steps, n, 10);
    }
}
