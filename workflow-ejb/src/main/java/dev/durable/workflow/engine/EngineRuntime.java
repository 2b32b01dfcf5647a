package dev.durable.workflow.engine;

import dev.durable.workflow.api.ChildRun;
import dev.durable.workflow.api.Hook;
import dev.durable.workflow.api.HookOptions;
import dev.durable.workflow.api.Promise;
import dev.durable.workflow.api.StepMetadata;
import dev.durable.workflow.api.StreamWriter;
import dev.durable.workflow.api.Webhook;
import dev.durable.workflow.api.WebhookOptions;
import dev.durable.workflow.api.WebhookResponse;
import dev.durable.workflow.api.WorkflowMetadata;
import dev.durable.workflow.api.spi.WorkflowRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The engine behind {@link dev.durable.workflow.api.Workflows}: finds the workflow ({@link RunContext})
 * or the step ({@link StepScope}) executing on the calling thread and hands the call to the operation
 * that performs it. Registered as a {@link java.util.ServiceLoader} service.
 */
public final class EngineRuntime implements WorkflowRuntime {

    @Override
    public boolean inWorkflow() {
        return RunContext.currentOrNull() != null && StepScope.current() == null;
    }

    @Override
    public String runId() {
        StepScope step = StepScope.current();
        return step != null ? step.runId() : RunContext.current().runId();
    }

    @Override
    public Instant now() {
        return workflow().now();
    }

    @Override
    public RandomGenerator random() {
        return StepScope.current() != null ? ThreadLocalRandom.current() : RunContext.current().random();
    }

    @Override
    public void sleepUntil(Instant until) {
        SleepCall.until(workflow(), Objects.requireNonNull(until, "until"));
    }

    @Override
    public Duration parseDuration(String text) {
        return Durations.parse(text);
    }

    @Override
    public <T> ChildRun<T> startChild(Class<?> workflowClass, String workflowName, List<?> args, boolean detached) {
        RunContext ctx = workflow();
        String name = workflowName != null ? workflowName : ctx.env().children().nameOf(workflowClass);
        return ChildRunCall.start(ctx, name, args == null ? List.of() : args, detached);
    }

    @Override
    public WorkflowMetadata metadata() {
        return workflow().metadata();
    }

    @Override
    public StepMetadata stepMetadata() {
        return step().metadata();
    }

    @Override
    public boolean cancelRequested() {
        StepScope step = step();
        return step.services().cancelRequested(step.runId());
    }

    @Override
    public <T> StreamWriter<T> getWritable(String name) {
        StepScope step = StepScope.current();
        if (step == null) {
            throw new IllegalStateException(RunContext.currentOrNull() != null
                    ? "A workflow does not write to streams itself (its replays would write again): pass the stream's "
                            + "name to a step and write there"
                    : "Workflows.getWritable() is called from a step of a run");
        }
        return StepStream.open(step, name);
    }

    @Override
    public boolean respondToWebhook(String requestId, WebhookResponse response) {
        StepScope step = StepScope.current();
        if (step == null) {
            throw new IllegalStateException("A webhook's request is answered from a step, not from the workflow itself");
        }
        return step.services().respondToWebhook(Objects.requireNonNull(requestId, "requestId"), response);
    }

    @Override
    public <T> Promise<T> async(Supplier<T> call) {
        return workflow().join().async(call);
    }

    @Override
    public <T> List<T> all(List<Promise<T>> promises) {
        return workflow().join().all(promises);
    }

    @Override
    public <T> T race(List<Promise<T>> promises) {
        return workflow().join().race(promises);
    }

    @Override
    public <T> T any(List<Promise<T>> promises) {
        return workflow().join().any(promises);
    }

    @Override
    public <T> Hook<T> createHook(Class<T> type, HookOptions options) {
        return HookCall.create(workflow(), Objects.requireNonNull(type, "type"),
                options == null ? HookOptions.none() : options);
    }

    @Override
    public Webhook createWebhook(WebhookOptions options) {
        return WebhookCall.create(workflow(), options == null ? WebhookOptions.defaults() : options);
    }

    /** The workflow executing on this thread; not from inside one of its steps. */
    private static RunContext workflow() {
        if (StepScope.current() != null) {
            throw new IllegalStateException("Inside a step: only the workflow itself can do this");
        }
        return RunContext.current();
    }

    private static StepScope step() {
        StepScope step = StepScope.current();
        if (step == null) {
            throw new IllegalStateException("Not inside a step");
        }
        return step;
    }
}
