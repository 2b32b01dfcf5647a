package dev.durable.workflow.api.spi;

import dev.durable.workflow.api.ChildRun;
import dev.durable.workflow.api.Hook;
import dev.durable.workflow.api.HookOptions;
import dev.durable.workflow.api.Promise;
import dev.durable.workflow.api.Webhook;
import dev.durable.workflow.api.WebhookOptions;
import dev.durable.workflow.api.WebhookResponse;
import dev.durable.workflow.api.StepMetadata;
import dev.durable.workflow.api.StreamWriter;
import dev.durable.workflow.api.WorkflowMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The one interface through which {@link dev.durable.workflow.api.Workflows} reaches the engine. Not for
 * applications: the engine implements it and registers it as a {@link java.util.ServiceLoader} service, so
 * the public API depends on no engine class. Each method acts on the run executing on the calling thread
 * (a workflow method, or a step it called) and throws {@link IllegalStateException} outside one.
 */
public interface WorkflowRuntime {

    /** Whether the calling thread is executing a workflow method (and not one of its steps). */
    boolean inWorkflow();

    /** The run of the workflow or step executing on this thread. */
    String runId();

    /** The workflow's deterministic clock. */
    Instant now();

    /** In a workflow, the run's seeded sequence; in a step, an ordinary random source. */
    RandomGenerator random();

    /** Sleeps durably until {@code until}. */
    void sleepUntil(Instant until);

    /** Parses a duration written like {@code "30s"}, {@code "10m"}, {@code "5d"} or ISO-8601. */
    Duration parseDuration(String text);

    /** Starts a child run; {@code detached}: cancelling this run does not cancel the child. */
    <T> ChildRun<T> startChild(Class<?> workflowClass, String workflowName, List<?> args, boolean detached);

    /** The run's metadata. */
    WorkflowMetadata metadata();

    /** The executing step's metadata. */
    StepMetadata stepMetadata();

    /** The step's writer of the run's stream {@code name}. */
    <T> StreamWriter<T> getWritable(String name);

    /** Inside a step: whether the step's run has been cancelled meanwhile. */
    boolean cancelRequested();

    /** Starts the one step {@code call} makes without waiting for it. */
    <T> Promise<T> async(Supplier<T> call);

    /** Waits for every promise. */
    <T> List<T> all(List<Promise<T>> promises);

    /** Waits for the first promise to end. */
    <T> T race(List<Promise<T>> promises);

    /** Waits for the first promise to succeed. */
    <T> T any(List<Promise<T>> promises);

    /** Creates a hook whose payloads are decoded as {@code type}. */
    <T> Hook<T> createHook(Class<T> type, HookOptions options);

    /** Creates a webhook. */
    Webhook createWebhook(WebhookOptions options);

    /** From a step: answers a manual webhook's request; whether this call gave the answer. */
    boolean respondToWebhook(String requestId, WebhookResponse response);
}
