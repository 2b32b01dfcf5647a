package dev.durable.workflow.engine;

import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.codec.JsonCodec;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * The state of one workflow execution on the current thread: which step comes next, the log to replay
 * steps from, and the deterministic clock and random source. Steps past the end of the log are
 * executed inline and appended to the journal, so a sequential workflow runs to its end in one delivery
 * and each step costs one transaction, whatever the length of the log.
 */
public final class RunContext {
    private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();

    private final LoadedRun run;
    private final Journal journal;
    private final Clock clock;
    private final long deadlineNanos;
    private final SplittableRandom random;
    private int nextStep;
    private int eventCount;
    private Instant now;
    private boolean inStep;

    RunContext(LoadedRun run, Journal journal, Clock clock, long deadlineNanos) {
        this.run = run;
        this.journal = journal;
        this.clock = clock;
        this.deadlineNanos = deadlineNanos;
        this.random = new SplittableRandom(seed(run.runId()));
        this.eventCount = run.eventCount();
        this.now = run.startedAt();
    }

    /** The context of the workflow executing on this thread. */
    public static RunContext current() {
        RunContext ctx = CURRENT.get();
        if (ctx == null) {
            throw new IllegalStateException("Not inside a workflow: this can only be called from a workflow method");
        }
        return ctx;
    }

    /** The context of the workflow executing on this thread, or {@code null} outside a workflow. */
    public static RunContext currentOrNull() {
        return CURRENT.get();
    }

    void enter() {
        CURRENT.set(this);
    }

    void exit() {
        CURRENT.remove();
    }

    public String runId() {
        return run.runId();
    }

    public Instant now() {
        return now;
    }

    public SplittableRandom random() {
        return random;
    }

    /** Whether a step is executing: steps called from inside a step are ordinary calls. */
    public boolean inStep() {
        return inStep;
    }

    int eventCount() {
        return eventCount;
    }

    int stepsCalled() {
        return nextStep;
    }

    LoadedRun run() {
        return run;
    }

    /**
     * Runs one step call: returns its saved result if the log has it, else executes it and saves it.
     *
     * @param name the step's name, checked against the log to detect divergence
     * @param returnType the step method's generic return type
     * @param args the call's arguments
     * @param body executes the step
     */
    public Object step(String name, Type returnType, Object[] args, Callable<Object> body) {
        int index = nextStep++;
        if (index < run.steps().size()) {
            return replay(run.steps().get(index), index, name, returnType);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Suspension(Suspension.Reason.CONTINUE);
        }
        return execute(name, returnType, args, body);
    }

    private Object replay(StepRecord saved, int index, String name, Type returnType) {
        if (!saved.stepName().equals(name)) {
            throw new ReplayDivergence("Step " + (index + 1) + " is '" + name + "' in the code but '"
                    + saved.stepName() + "' in the run's log");
        }
        now = saved.completedAt();
        if (saved.failed()) {
            throw new StepFailedException(name, saved.errorType(), saved.errorMessage());
        }
        return JsonCodec.fromJson(saved.outputJson(), returnType);
    }

    private Object execute(String name, Type returnType, Object[] args, Callable<Object> body) {
        String inputJson = JsonCodec.toJsonArray(args);
        String stepId = Ids.step();
        Instant startedAt = clock.instant();
        Object result = null;
        Exception failure = null;
        inStep = true;
        try {
            result = body.call();
        } catch (Exception e) {
            failure = e;
        } finally {
            inStep = false;
        }
        String outputJson = null;
        if (failure == null) {
            try {
                outputJson = JsonCodec.toJson(result);
            } catch (RuntimeException e) {
                failure = new IllegalStateException("The result of step '" + name + "' cannot be serialized as JSON: "
                        + e.getMessage(), e);
            }
        }
        Instant completedAt = clock.instant();
        StepRecord record = failure == null
                ? new StepRecord(stepId, name, inputJson, 1, startedAt, startedAt, completedAt, false, outputJson, null, null)
                : new StepRecord(stepId, name, inputJson, 1, startedAt, startedAt, completedAt, true, null,
                        failure.getClass().getName(), messageOf(failure));
        if (!journal.appendStep(run, eventCount, record)) {
            throw new Suspension(Suspension.Reason.FENCE_LOST);
        }
        eventCount += Journal.EVENTS_PER_STEP;
        now = completedAt;
        if (failure != null) {
            throw new StepFailedException(name, record.errorType(), record.errorMessage());
        }
        // hand back what replay would return, so the first execution and replays see the same value
        return JsonCodec.fromJson(outputJson, returnType);
    }

    static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getName() : m;
    }

    private static long seed(String runId) {
        long h = 1125899906842597L;
        for (int i = 0; i < runId.length(); i++) {
            h = 31 * h + runId.charAt(i);
        }
        return h;
    }
}
