package dev.durable.workflow.samples.bench;

import dev.durable.workflow.api.Workflow;

/** No steps: returns its input. */
@Workflow("noop")
public class Noop {
    public int run(int n) {
        return n;
    }
}
