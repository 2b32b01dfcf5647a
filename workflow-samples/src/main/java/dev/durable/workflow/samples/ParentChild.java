package dev.durable.workflow.samples;

import dev.durable.workflow.api.ChildRun;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.util.List;

/** Starts a child run of {@code addTen} and returns its result. */
@Workflow("parentChild")
public class ParentChild {

    public int run(int n) {
        ChildRun<Integer> child = Workflows.start(AddTen.class, List.of(n));
        return child.result();
    }
}
