package dev.durable.workflow.api;

import dev.durable.workflow.api.spi.WorkflowRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What code running inside a workflow method (or a step it calls) uses besides steps: deterministic
 * time and randomness, durable sleep, hooks, parallel steps, child runs and metadata.
 *
 * <p>A workflow is replayed from its log, so it must not read the clock or a random source itself:
 * {@link #now()}, {@link #random()} and {@link #randomUUID()} give the same answers on every replay.
 * The clock is frozen at the run's start and advances to the time each durable operation ended; random
 * values are seeded by the run id. Inside a step these are ordinary (a step is not replayed).
 */
public final class Workflows {
    /** The name of a run's default output stream. */
    public static final String DEFAULT_STREAM = "default";

    private static final WorkflowRuntime RUNTIME = ServiceLoader.load(WorkflowRuntime.class, Workflows.class.getClassLoader())
            .findFirst().orElseThrow(() -> new IllegalStateException("The workflow engine is not on the class path"));

    private Workflows() {
    }

    /** Whether the calling thread is executing a workflow method (not one of its steps). */
    public static boolean inWorkflow() {
        return RUNTIME.inWorkflow();
    }

    /** The id of the run being executed, in a workflow or in one of its steps. */
    public static String runId() {
        return RUNTIME.runId();
    }

    /** The workflow's deterministic clock. */
    public static Instant now() {
        return RUNTIME.now();
    }

    /** A deterministic random number in [0, 1); inside a step, an ordinary random number. */
    public static double random() {
        return RUNTIME.random().nextDouble();
    }

    /** A deterministic random long; inside a step, an ordinary random long. */
    public static long randomLong() {
        return RUNTIME.random().nextLong();
    }

    /** A deterministic random (version 4) UUID; inside a step, an ordinary random one. */
    public static UUID randomUUID() {
        var random = RUNTIME.random();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /**
     * Sleeps durably: the run is suspended, holding no thread, transaction or memory, and resumes when the
     * time has come, also across server restarts. {@link Run#wakeUp()} ends the sleep early.
     */
    public static void sleep(Duration duration) {
        // a negative duration (a deadline already passed) ends at once, as a passed instant does
        java.time.Instant until;
        try {
            until = RUNTIME.now().plus(duration);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("A sleep of " + duration.toDays() + " days ends after the year 9999");
        }
        RUNTIME.sleepUntil(until);
    }

    /** Sleeps durably until the given instant (at once if it has passed; at most until 9999-12-31). */
    public static void sleep(Instant until) {
        RUNTIME.sleepUntil(until);
    }

    /**
     * Sleeps durably for a duration written like {@code "5d"}, {@code "10m"}, {@code "30s"} or {@code "500ms"}.
     *
     * @throws IllegalArgumentException (failing the run, unless caught) if it is not a duration, is negative
     *         (a literal "-1s" is a mistake; a computed negative {@link Duration} ends at once), or ends after the
     *         year 9999
     */
    public static void sleep(String duration) {
        sleep(RUNTIME.parseDuration(duration));
    }

    /**
     * Creates a hook with a random token (at least 128 bits, URL-safe) whose payloads are decoded as
     * {@code type}. Creating it is recorded in the log ({@code hook_created}), so replay returns the same
     * hook with the same token.
     */
    public static <T> Hook<T> createHook(Class<T> type) {
        return RUNTIME.createHook(type, HookOptions.none());
    }

    /**
     * Creates a hook with options (a token of your choosing, metadata).
     *
     * @throws HookConflictException if another active hook holds the token (catchable; recorded as
     *         {@code hook_conflict})
     */
    public static <T> Hook<T> createHook(Class<T> type, HookOptions options) {
        return RUNTIME.createHook(type, options);
    }

    /** Creates a webhook answering {@code 202}: its {@link Webhook#url()} resumes the run with each HTTP request. */
    public static Webhook createWebhook() {
        return RUNTIME.createWebhook(WebhookOptions.defaults());
    }

    /** Creates a webhook that answers with a fixed response, or (manual) as a step decides. */
    public static Webhook createWebhook(WebhookOptions options) {
        return RUNTIME.createWebhook(options);
    }

    /** What {@link WebhookRequest#respondWith} calls. */
    static boolean respondToWebhook(String requestId, WebhookResponse response) {
        return RUNTIME.respondToWebhook(requestId, response);
    }

    /**
     * Starts a child run of the workflow class; {@link ChildRun#result()} waits for it durably. Cancelling
     * this run cancels the child too.
     */
    public static <T> ChildRun<T> start(Class<?> workflow, List<?> args) {
        return RUNTIME.startChild(workflow, null, args, false);
    }

    /** Starts a child run of the workflow registered under {@code workflowName}. */
    public static <T> ChildRun<T> start(String workflowName, List<?> args) {
        return RUNTIME.startChild(null, workflowName, args, false);
    }

    /** Starts a child run that lives on its own: cancelling this run does not cancel it. */
    public static <T> ChildRun<T> startDetached(Class<?> workflow, List<?> args) {
        return RUNTIME.startChild(workflow, null, args, true);
    }

    /** The run's metadata: id, workflow name, start time, REST URL. */
    public static WorkflowMetadata metadata() {
        return RUNTIME.metadata();
    }

    /**
     * The run's default output stream, to write to from a step (see {@link StreamWriter}). The workflow
     * itself does not write: it passes a stream's name to the steps that do.
     *
     * @throws IllegalStateException if not called inside a step
     */
    public static <T> StreamWriter<T> getWritable() {
        return RUNTIME.getWritable(DEFAULT_STREAM);
    }

    /**
     * The run's output stream {@code name}, to write to from a step; the first call creates it.
     *
     * @throws IllegalStateException if not called inside a step
     */
    public static <T> StreamWriter<T> getWritable(String name) {
        return RUNTIME.getWritable(name);
    }

    /** Inside a step: its id (stable across retries), name, attempt and start time. */
    public static StepMetadata stepMetadata() {
        return RUNTIME.stepMetadata();
    }

    /**
     * Inside a step: whether its run has been cancelled since the step began. A long step may check it
     * and stop early; its result would not be recorded anyway.
     */
    public static boolean cancelRequested() {
        return RUNTIME.cancelRequested();
    }

    /**
     * Starts a step without waiting for it: {@code call} must call exactly one {@link Step} method, e.g.
     * {@code Workflows.async(() -> steps.charge(order))}. The step runs as its own queue message, so
     * steps started together run in parallel on the server's message-driven beans.
     */
    public static <T> Promise<T> async(Supplier<T> call) {
        return RUNTIME.async(call);
    }

    /**
     * Waits for all the steps and returns their results in the order given. If one fails, throws its
     * {@link StepFailedException} (the first failure in the log) without waiting for the others.
     */
    public static <T> List<T> all(List<Promise<T>> promises) {
        return RUNTIME.all(promises);
    }

    /** Waits for the first of the steps to end and returns its result, or throws its failure. */
    public static <T> T race(List<Promise<T>> promises) {
        return RUNTIME.race(promises);
    }

    /**
     * Waits for the first of the steps to succeed and returns its result; if all fail, throws a
     * {@link StepFailedException} naming them.
     */
    public static <T> T any(List<Promise<T>> promises) {
        return RUNTIME.any(promises);
    }
}
