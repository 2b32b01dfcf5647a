package dev.durable.workflow.samples.bench;

import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/** 1000 sequential steps, each returning its input + 1. */
@Workflow("seq1000")
public class Seq1000 {

    @Inject
    BenchSteps steps;

    public int run(int n) {
        return BenchSteps.chain(steps, n, 1000);
    }
}
