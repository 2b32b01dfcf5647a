package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.api.WorkflowMetadata;
import dev.durable.workflow.codec.JsonCodec;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The state of one workflow execution on the current thread, and the replay routine every durable
 * operation shares: each operation ({@link StepCall}, {@link SleepCall}, {@link ChildRunCall},
 * {@link ParallelJoin}, {@link HookCall}) takes the next position with {@link #replay}; a position the
 * log already covers is answered from the log, the first one it does not cover is executed and
 * appended. So a sequential workflow runs to its end in one delivery, each step costs one transaction,
 * and the log is read once per delivery whatever its length.
 */
public final class RunContext {
    /** How long a delivery waits for one of its parallel steps to end before it parks the run. */
    private static final long LOCAL_STEP_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();

    private final LoadedRun run;
    private final WorkflowDefinition definition;
    private final Environment env;
    private final History history;
    private final long deadlineNanos;
    private final SplittableRandom random;
    private final ParallelJoin join = new ParallelJoin(this);
    private int nextOp;
    private int eventCount;
    private int foldedUpTo;
    private Instant now;
    /** {@code step_created} events of steps started with {@code async()}, not yet in the log. */
    private final List<Event> pendingCreates = new ArrayList<>();
    /** Parallel steps this delivery enqueued. */
    private final Set<String> dispatched = new HashSet<>();
    /** Hooks this delivery created and disposed (the log read at its start does not show them). */
    private final Set<String> createdHooks = new LinkedHashSet<>();
    private final Set<String> disposedHooks = new HashSet<>();

    RunContext(LoadedRun run, WorkflowDefinition definition, Environment env) {
        this.run = run;
        this.definition = definition;
        this.env = env;
        this.history = History.of(run.events());
        this.deadlineNanos = System.nanoTime() + env.budget().toNanos();
        this.random = new SplittableRandom(seed(run.runId()));
        this.eventCount = run.eventCount();
        this.foldedUpTo = run.eventCount();
        this.now = run.startedAt();
    }

    /** The context of the workflow executing on this thread. */
    public static RunContext current() {
        RunContext ctx = CURRENT.get();
        if (ctx == null) {
            throw new IllegalStateException(StepScope.current() != null
                    ? "Inside a step: only the workflow itself can do this"
                    : "Not inside a workflow: this can only be called from a workflow method");
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
        return StepScope.current() != null;
    }

    /** The run's metadata. */
    public WorkflowMetadata metadata() {
        return new WorkflowMetadata(run.runId(), definition.name(), run.startedAt(), env.baseUrl() + "/runs/" + run.runId());
    }

    /** The retry policy of a step method called by this workflow. */
    public Retries retriesFor(Method stepMethod) {
        return Retries.of(stepMethod, definition.workflowClass());
    }

    /** Runs one step call (see {@link StepCall}). */
    public Object step(String name, Type returnType, Retries retries, Object[] args, Callable<Object> body) {
        return StepCall.call(this, name, returnType, retries, args, body);
    }

    Environment env() {
        return env;
    }

    LoadedRun run() {
        return run;
    }

    History history() {
        return history;
    }

    ParallelJoin join() {
        return join;
    }

    int eventCount() {
        return eventCount;
    }

    int opsCalled() {
        return nextOp;
    }

    /** The wall clock, for what is recorded (a step's times, a timer's creation). */
    Instant realNow() {
        return env.clock().instant();
    }

    /** Moves the workflow's clock forward to {@code at} (never back). */
    void advanceClock(Instant at) {
        if (at != null && at.isAfter(now)) {
            now = at;
        }
    }

    // ---- the replay routine ----

    /**
     * Takes the next position of the execution and returns the operation the log has there, or
     * {@code null} when the log ends before it (the operation is new).
     *
     * @param kind the kind of operation the code performs here
     * @param inCode the operation as a divergence message names it
     * @param same whether the logged operation is the one the code performs (e.g. the same step name)
     * @throws RunAborted with {@code REPLAY_DIVERGENCE} if the log has another operation there
     */
    <O extends History.Op> O replay(Class<O> kind, String inCode, Predicate<O> same) {
        int index = nextOp++;
        if (index >= history.ops().size()) {
            return null;
        }
        History.Op logged = history.ops().get(index);
        if (!kind.isInstance(logged) || !same.test(kind.cast(logged))) {
            throw new RunAborted(ErrorCode.REPLAY_DIVERGENCE, "Operation " + (index + 1) + " is " + inCode
                    + " in the code but " + logged.describe() + " in the run's log");
        }
        return kind.cast(logged);
    }

    /** Gives back positions taken since {@code position} (a refused {@code async()} call). */
    void rewind(int position) {
        nextOp = position;
    }

    int position() {
        return nextOp;
    }

    /** A finished step's saved outcome: its result, or its failure re-thrown; the clock moves to its end. */
    Object outcome(History.StepOp saved, Type returnType) {
        advanceClock(saved.completedAt());
        if (saved.status() == StepStatus.FAILED) {
            throw new StepFailedException(saved.name(), saved.errorType(), saved.errorMessage());
        }
        return JsonCodec.fromJson(saved.outputJson(), returnType);
    }

    // ---- writing ----

    /** Appends events (after any others appended meanwhile), fenced by the lease; steps started with async() go first. */
    void write(List<Event> events) {
        List<Event> all = events;
        if (!pendingCreates.isEmpty()) {
            // steps started with async() take their places in the log before anything that came after them
            all = new ArrayList<>(pendingCreates);
            all.addAll(events);
        }
        checkCeiling(all.size());
        List<Event> toWrite = all;
        int expected = eventCount + toWrite.size();
        written(engine(() -> env.journal().append(run, eventCount, toWrite)));
        catchUp(expected);
    }

    /**
     * Appends events only if nobody appended meanwhile: for a decision that depends on what the log
     * does not hold yet (a timeout, when no payload came). Returns {@code false}, having read what others
     * appended, if the log grew.
     */
    boolean writeIfUnchanged(List<Event> events) {
        flushPending();
        checkCeiling(events.size());
        int count = engine(() -> env.journal().appendIfUnchanged(run, eventCount, events));
        if (count == Journal.LOG_GREW) {
            refresh();
            return false;
        }
        written(count);
        return true;
    }

    /** Runs another fenced write of the journal ({@code IntSupplier} returns the log's new length or FENCE_LOST). */
    void writeWith(int adding, IntSupplier call) {
        flushPending();
        checkCeiling(adding);
        int expected = eventCount + adding;
        written(engine(call::getAsInt));
        catchUp(expected);
    }

    /**
     * Reads what others appended before a write of ours that went after them (a hook's payload, a
     * wake-up): a decision taken next, such as suspending for want of a payload, must see it, since the
     * suspension's fence only checks the log's length, which now counts those events.
     */
    private void catchUp(int expected) {
        if (eventCount > expected) {
            refresh();
        }
    }

    private void written(int count) {
        if (count == Journal.FENCE_LOST) {
            throw new Suspension(Suspension.Reason.FENCE_LOST);
        }
        eventCount = count;
        if (!pendingCreates.isEmpty()) {
            List<String> ids = pendingCreates.stream().map(Event::correlationId).toList();
            pendingCreates.clear();
            dispatch(ids);
        }
    }

    /** Has the steps executed; each at most once per delivery (see {@link #dispatched}). */
    void dispatch(List<String> stepIds) {
        dispatched.addAll(stepIds);
        engine(() -> {
            env.dispatcher().dispatch(run.runId(), stepIds);
            return null;
        });
    }

    /** A mark of the run's steps executing on this server, taken before reading the log (see {@link #awaitLocalStep}). */
    long localStepMark() {
        return engine(() -> env.dispatcher().mark(run.runId()));
    }

    /**
     * Waits, within the delivery's budget and for at most a second, for an attempt of the run's steps
     * executing on this server to end after {@code mark} ({@code all}: for all of them to have ended, or
     * one to have failed for good): whether one did.
     */
    boolean awaitLocalStep(long mark, boolean all) {
        long left = deadlineNanos - System.nanoTime();
        long max = Math.min(left, LOCAL_STEP_WAIT_NANOS);
        return left > 0 && engine(() -> all ? env.dispatcher().awaitSettled(run.runId(), mark, max)
                : env.dispatcher().awaitStepEnd(run.runId(), mark, max));
    }

    /** Writes the steps started with async() that are not in the log yet, and enqueues them. */
    void flushPending() {
        if (!pendingCreates.isEmpty()) {
            write(List.of());
        }
    }

    void defer(Event stepCreated) {
        pendingCreates.add(stepCreated);
    }

    int pendingCount() {
        return pendingCreates.size();
    }

    void dropPendingFrom(int index) {
        pendingCreates.subList(index, pendingCreates.size()).clear();
    }

    boolean dispatched(String stepId) {
        return dispatched.contains(stepId);
    }

    /**
     * Suspends the run now, if the log has not grown: releases the lease, to be resumed at
     * {@code wakeAt} (or by whatever it waits for) once {@code awaiting} parallel steps have ended.
     * Throws to end the delivery if it did; returns, having read what others appended, if the log grew.
     */
    void park(Instant wakeAt, int awaiting) {
        flushPending();
        switch (engine(() -> env.journal().suspend(run, eventCount, List.of(), wakeAt, awaiting))) {
            case YES -> throw new Suspension(Suspension.Reason.PARKED, wakeAt, List.of());
            case FENCE_LOST -> throw new Suspension(Suspension.Reason.FENCE_LOST);
            default -> refresh();
        }
    }

    /** Suspends the run after saving {@code events}, to resume at {@code wakeAt} ({@code null}: when resumed). */
    Suspension suspension(Instant wakeAt, List<Event> events) {
        checkCeiling(events.size());
        return new Suspension(Suspension.Reason.WAIT, wakeAt, events);
    }

    /** Folds what the log gained since this delivery last looked (its own appends and others'). */
    void refresh() {
        for (Event e : engine(() -> env.journal().eventsFrom(run.runId(), foldedUpTo))) {
            history.apply(e);
            foldedUpTo = e.seq() + 1;
        }
        eventCount = Math.max(eventCount, foldedUpTo);
    }

    // ---- hooks ----

    void hookCreated(String hookId) {
        createdHooks.add(hookId);
    }

    void hookDisposed(String hookId) {
        disposedHooks.add(hookId);
    }

    boolean isDisposed(String hookId) {
        History.HookOp op = history.hook(hookId);
        return disposedHooks.contains(hookId) || (op != null && op.disposedAt() != null);
    }

    /** The hooks holding tokens now: to be disposed when the run ends. */
    List<String> activeHooks() {
        Set<String> ids = new LinkedHashSet<>();
        history.activeHooks().forEach(h -> ids.add(h.id()));
        ids.addAll(createdHooks);
        ids.removeAll(disposedHooks);
        return List.copyOf(ids);
    }

    // ---- limits and infrastructure ----

    /** Runs an infrastructure call, turning its failure into an {@link EngineFailure} the workflow cannot catch. */
    <R> R engine(Supplier<R> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new EngineFailure(e);
        }
    }

    void checkCeiling(int adding) {
        // keep room for the run's final event
        if (eventCount + adding + 1 > env.maxEvents()) {
            throw new RunAborted(ErrorCode.MAX_EVENTS_EXCEEDED, "The run's log would exceed " + env.maxEvents() + " events");
        }
    }

    /** Hands over to a fresh delivery once this one has used its time budget. */
    void checkBudget() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Suspension(Suspension.Reason.CONTINUE);
        }
    }

    static String messageOf(Throwable t) {
        return StepAttempt.messageOf(t);
    }

    private static long seed(String runId) {
        long h = 1125899906842597L;
        for (int i = 0; i < runId.length(); i++) {
            h = 31 * h + runId.charAt(i);
        }
        return h;
    }
}
