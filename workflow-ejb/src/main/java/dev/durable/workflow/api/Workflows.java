package dev.durable.workflow.api;

import dev.durable.workflow.engine.Durations;
import dev.durable.workflow.engine.RunContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Deterministic helpers for code running inside a workflow method. A workflow is replayed from its log,
 * so it must not read the clock or a random source itself: these give the same answers on every replay.
 * The clock is frozen at the run's start and advances to the time each step completed; random values
 * are seeded by the run id. It also offers the durable operations that are not steps: sleeping and
 * starting child runs.
 */
public final class Workflows {

    private Workflows() {
    }

    /** Whether the calling thread is executing a workflow method. */
    public static boolean inWorkflow() {
        return RunContext.currentOrNull() != null;
    }

    /** The id of the run being executed. */
    public static String runId() {
        return RunContext.current().runId();
    }

    /** The workflow's deterministic clock. */
    public static Instant now() {
        return RunContext.current().now();
    }

    /** A deterministic random number in [0, 1); inside a step, an ordinary random number. */
    public static double random() {
        return source().nextDouble();
    }

    /** A deterministic random long; inside a step, an ordinary random long. */
    public static long randomLong() {
        return source().nextLong();
    }

    /** A deterministic random (version 4) UUID; inside a step, an ordinary random one. */
    public static UUID randomUUID() {
        var random = source();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The run's seeded sequence; a step's body is not replayed, so it must not draw from that sequence. */
    private static java.util.random.RandomGenerator source() {
        RunContext ctx = RunContext.current();
        return ctx.inStep() ? java.util.concurrent.ThreadLocalRandom.current() : ctx.random();
    }

    /**
     * Sleeps durably: the run is suspended, holding no thread, transaction or memory, and resumes when the
     * time has come, also across server restarts. {@link Run#wakeUp()} ends the sleep early.
     */
    public static void sleep(Duration duration) {
        RunContext ctx = RunContext.current();
        ctx.sleepUntil(ctx.now().plus(duration));
    }

    /** Sleeps durably until the given instant. */
    public static void sleep(Instant until) {
        RunContext.current().sleepUntil(until);
    }

    /** Sleeps durably for a duration written like {@code "5d"}, {@code "10m"}, {@code "30s"} or {@code "500ms"}. */
    public static void sleep(String duration) {
        sleep(Durations.parse(duration));
    }

    /** Starts a child run of the workflow class; {@link ChildRun#result()} waits for it durably. */
    public static <T> ChildRun<T> start(Class<?> workflow, List<?> args) {
        RunContext ctx = RunContext.current();
        return ctx.startChild(ctx.workflowName(workflow), args);
    }

    /** Starts a child run of the workflow registered under {@code workflowName}. */
    public static <T> ChildRun<T> start(String workflowName, List<?> args) {
        return RunContext.current().startChild(workflowName, args);
    }

    /** The run's metadata: id, workflow name, start time, REST URL. */
    public static WorkflowMetadata metadata() {
        return RunContext.current().metadata();
    }

    /** Inside a step: its id (stable across retries), name, attempt and start time. */
    public static StepMetadata stepMetadata() {
        StepMetadata parallel = dev.durable.workflow.engine.ParallelAttempt.current();
        return parallel != null ? parallel : RunContext.current().stepMetadata();
    }

    /**
     * Starts a step without waiting for it: {@code call} must call exactly one {@link Step} method, e.g.
     * {@code Workflows.async(() -> steps.charge(order))}. The step runs as its own queue message, so
     * steps started together run in parallel on the server's message-driven beans.
     */
    public static <T> Promise<T> async(java.util.function.Supplier<T> call) {
        return RunContext.current().async(call);
    }

    /**
     * Waits for all the steps and returns their results in the order given. If one fails, throws its
     * {@link StepFailedException} (the first failure in the log) without waiting for the others.
     */
    public static <T> List<T> all(List<Promise<T>> promises) {
        return RunContext.current().all(promises);
    }

    /** Waits for the first of the steps to end and returns its result, or throws its failure. */
    public static <T> T race(List<Promise<T>> promises) {
        return RunContext.current().race(promises);
    }

    /**
     * Waits for the first of the steps to succeed and returns its result; if all fail, throws a
     * {@link StepFailedException} naming them.
     */
    public static <T> T any(List<Promise<T>> promises) {
        return RunContext.current().any(promises);
    }
}
