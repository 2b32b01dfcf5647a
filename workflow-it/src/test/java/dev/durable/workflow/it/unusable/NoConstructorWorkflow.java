package dev.durable.workflow.it.unusable;

import dev.durable.workflow.api.Workflow;

/** A workflow CDI cannot make: its only constructor takes an argument and is not {@code @Inject}. */
@Workflow
public class NoConstructorWorkflow {
    private final String prefix;

    /** The constructor CDI cannot call. */
    public NoConstructorWorkflow(String prefix) {
        this.prefix = prefix;
    }

    /** The workflow method. */
    public String run(String name) {
        return prefix + name;
    }
}
