package dev.durable.workflow.samples.bench;

import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/** 100 sequential steps, each returning its input + 1. */
@Workflow("seq100")
public class Seq100 {

    @Inject
    BenchSteps steps;

    public int run(int n) {
        return BenchSteps.chain(steps, n, 100);
    }
}
