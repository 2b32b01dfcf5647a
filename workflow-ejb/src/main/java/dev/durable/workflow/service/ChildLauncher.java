package dev.durable.workflow.service;

import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.StartOptions;
import dev.durable.workflow.engine.ChildRuns;
import dev.durable.workflow.engine.WorkflowRegistry;
import dev.durable.workflow.store.RunStore;
import java.lang.reflect.Type;
import java.util.List;

/** Child runs for the engine: started like any run, with the parent recorded so its end resumes the parent. */
final class ChildLauncher implements ChildRuns {
    private final RunStarter starter;
    private final RunStore store;
    private final WorkflowRegistry registry;

    ChildLauncher(RunLauncher launcher, RunStore store, WorkflowRegistry registry) {
        this.starter = new RunStarter(launcher, store);
        this.store = store;
        this.registry = registry;
    }

    @Override
    public String start(String parentRunId, String workflowName, List<?> args, String idempotencyKey) {
        return starter.start(registry.require(workflowName), args,
                StartOptions.builder().idempotencyKey(idempotencyKey).build(), parentRunId, false);
    }

    @Override
    public Ending ending(String runId) {
        RunInfo run = store.find(runId);
        if (run == null || !run.status().isTerminal()) {
            return null;
        }
        return new Ending(run.status(), run.outputJson(), run.errorCode(), run.errorMessage());
    }

    @Override
    public String nameOf(Class<?> workflowClass) {
        return registry.require(workflowClass).name();
    }

    @Override
    public Type returnType(String workflowName) {
        return registry.require(workflowName).returnType();
    }
}
