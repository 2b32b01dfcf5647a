package dev.durable.workflow.engine;

import dev.durable.workflow.api.ChildRun;
import dev.durable.workflow.api.Promise;
import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.FatalError;
import dev.durable.workflow.api.RetryableError;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.api.StepMetadata;
import dev.durable.workflow.api.WorkflowMetadata;
import dev.durable.workflow.codec.JsonCodec;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * The state of one workflow execution on the current thread. Each durable call (step, sleep, child run)
 * takes the next position; a position the log already covers is answered from the log, the first one
 * it does not cover is executed and appended. So a sequential workflow runs to its end in one delivery,
 * each step costs one transaction, and the log is read once per delivery whatever its length.
 */
public final class RunContext {
    private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();
    private static final Retries NO_RETRIES = new Retries(0, java.time.Duration.ZERO, 1.0, java.time.Duration.ZERO);

    private final LoadedRun run;
    private final WorkflowDefinition definition;
    private final Environment env;
    private final History history;
    private final long deadlineNanos;
    private final SplittableRandom random;
    private int nextOp;
    private int eventCount;
    private int foldedUpTo;
    private Instant now;
    private StepMetadata step;
    /** {@code step_created} events of steps started with {@link #async}, not yet in the log. */
    private final List<Event> pendingCreates = new ArrayList<>();
    /** Parallel steps this delivery enqueued. */
    private final java.util.Set<String> dispatched = new java.util.HashSet<>();
    /** While {@link #async} runs its call: the step the call made. */
    private boolean deferring;
    private Deferred captured;

    /** A step started with {@link #async}: its position and id. */
    private record Deferred(String stepId, String name, Type returnType) {
    }

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
            if (ParallelAttempt.current() != null) {
                throw new IllegalStateException("A parallel step runs outside its workflow: only stepMetadata() is available");
            }
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
        return step != null;
    }

    /** The executing step's metadata. */
    public StepMetadata stepMetadata() {
        if (step == null) {
            throw new IllegalStateException("Not inside a step");
        }
        return step;
    }

    /** The run's metadata. */
    public WorkflowMetadata metadata() {
        return new WorkflowMetadata(run.runId(), definition.name(), run.startedAt(), env.baseUrl() + "/runs/" + run.runId());
    }

    /** The retry policy of a step method called by this workflow. */
    public Retries retriesFor(Method stepMethod) {
        return Retries.of(stepMethod, definition.workflowClass());
    }

    int eventCount() {
        return eventCount;
    }

    int opsCalled() {
        return nextOp;
    }

    History history() {
        return history;
    }

    LoadedRun run() {
        return run;
    }

    /**
     * Runs one step call: returns its saved result if the log has it, else executes it (or its next
     * attempt) and saves the outcome.
     *
     * @param name the step's name, checked against the log to detect divergence
     * @param returnType the step's generic return type
     * @param retries the step's retry policy
     * @param args the call's arguments
     * @param body executes the step
     */
    public Object step(String name, Type returnType, Retries retries, Object[] args, Callable<Object> body) {
        // encode first, also on replay: arguments that cannot be encoded fail the call, the same way
        // every time, without taking a position
        String inputJson = JsonCodec.toJsonArray(args);
        if (deferring && captured != null) {
            throw new IllegalStateException("The call given to async() must call exactly one step");
        }
        int index = nextOp;
        History.Op logged = logged(index);
        if (logged == null) {
            if (deferring) {
                nextOp++;
                return defer(Ids.step(), name, returnType, inputJson);
            }
            checkBudget();
            nextOp++;
            return attempt(Ids.step(), name, returnType, retries, inputJson, body, 1);
        }
        nextOp++;
        if (!(logged instanceof History.StepOp saved) || !saved.name().equals(name)) {
            throw divergence(index, "step '" + name + "'", logged);
        }
        if (deferring) {
            captured = new Deferred(saved.id(), name, returnType);
            return placeholder(returnType);
        }
        if (saved.finished()) {
            return outcome(name, saved, returnType);
        }
        Instant due = saved.retryAfter();
        if (due != null && env.clock().instant().isBefore(due)) {
            throw new Suspension(Suspension.Reason.WAIT, due, List.of());
        }
        return attempt(saved.id(), name, returnType, retries, saved.inputJson(), body, saved.attempts() + 1);
    }

    /** A finished step's saved outcome: its result, or its failure re-thrown; the clock moves to its end. */
    private Object outcome(String name, History.StepOp saved, Type returnType) {
        now = saved.completedAt();
        if (saved.status() == dev.durable.workflow.api.StepStatus.FAILED) {
            throw new StepFailedException(name, saved.errorType(), saved.errorMessage());
        }
        return JsonCodec.fromJson(saved.outputJson(), returnType);
    }

    private Object attempt(String id, String name, Type returnType, Retries retries, String inputJson,
                           Callable<Object> body, int attempt) {
        Instant startedAt = env.clock().instant();
        List<Event> events = new ArrayList<>(4);
        if (attempt == 1) {
            events.add(EventData.stepCreated(id, startedAt, name, inputJson));
        }
        events.add(EventData.stepStarted(id, startedAt, attempt));
        Object result = null;
        Exception failure = null;
        step = new StepMetadata(id, name, attempt, startedAt);
        try {
            result = body.call();
        } catch (Exception e) {
            failure = e;
        } finally {
            step = null;
        }
        String outputJson = null;
        if (failure == null) {
            try {
                outputJson = JsonCodec.toJson(result);
            } catch (RuntimeException e) {
                failure = new FatalError("The result of step '" + name + "' cannot be serialized as JSON: " + messageOf(e), e);
            }
        }
        Instant at = env.clock().instant();
        if (failure == null) {
            events.add(EventData.stepCompleted(id, at, outputJson));
            write(events);
            now = at;
            // hand back what replay would return, so the first execution and replays see the same value
            return JsonCodec.fromJson(outputJson, returnType);
        }
        String type = failure.getClass().getName();
        String message = messageOf(failure);
        if (failure instanceof FatalError || attempt > retries.maxRetries()) {
            events.add(EventData.stepFailed(id, at, attempt, type, message, true));
            write(events);
            now = at;
            throw new StepFailedException(name, type, message);
        }
        Instant due = failure instanceof RetryableError r ? r.retryAt(at) : retries.nextAttemptAt(attempt, at);
        events.add(EventData.stepFailed(id, at, attempt, type, message, false));
        events.add(EventData.stepRetrying(id, at, attempt, due));
        checkCeiling(events.size());
        throw new Suspension(Suspension.Reason.WAIT, due, events);
    }

    /** A durable sleep until {@code resumeAt}: the run is suspended, holding nothing, until then. */
    public void sleepUntil(Instant resumeAt) {
        int index = nextOp++;
        History.Op logged = logged(index);
        Instant realNow = env.clock().instant();
        if (logged == null) {
            String id = Ids.next("wait_");
            if (!resumeAt.isAfter(realNow)) {
                write(List.of(EventData.waitCreated(id, realNow, resumeAt), EventData.waitCompleted(id, realNow, false)));
                now = realNow;
                return;
            }
            checkCeiling(1);
            throw new Suspension(Suspension.Reason.WAIT, resumeAt, List.of(EventData.waitCreated(id, realNow, resumeAt)));
        }
        if (!(logged instanceof History.WaitOp wait)) {
            throw divergence(index, "a sleep", logged);
        }
        if (wait.completedAt() != null) {
            now = wait.completedAt();
            return;
        }
        if (realNow.isBefore(wait.resumeAt())) {
            throw new Suspension(Suspension.Reason.WAIT, wait.resumeAt(), List.of());
        }
        write(List.of(EventData.waitCompleted(wait.id(), realNow, false)));
        now = realNow;
    }

    /** Starts a child run, as a step: replay returns the same child instead of starting another. */
    public <T> ChildRun<T> startChild(String workflowName, List<?> args) {
        String childId = (String) step("start(" + workflowName + ")", String.class, NO_RETRIES, args.toArray(),
                () -> env.children().start(run.runId(), workflowName, args, run.runId() + "/" + step.stepId()));
        return new Child<>(childId, workflowName);
    }

    /** The registered name of a workflow class. */
    public String workflowName(Class<?> workflowClass) {
        return env.children().nameOf(workflowClass);
    }

    private final class Child<T> implements ChildRun<T> {
        private final String childRunId;
        private final String workflowName;

        Child(String childRunId, String workflowName) {
            this.childRunId = childRunId;
            this.workflowName = workflowName;
        }

        @Override
        public String runId() {
            return childRunId;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T result() {
            return (T) awaitChild(childRunId, workflowName);
        }
    }

    private Object awaitChild(String childRunId, String workflowName) {
        String name = "await(" + workflowName + ")";
        Type returnType = env.children().returnType(workflowName);
        int index = nextOp;
        History.Op logged = logged(index);
        if (logged != null) {
            nextOp++;
            if (!(logged instanceof History.StepOp saved) || !saved.name().equals(name) || !saved.finished()) {
                throw divergence(index, "step '" + name + "'", logged);
            }
            return outcome(name, saved, returnType);
        }
        ChildRuns.Ending ending = engine(() -> env.children().ending(childRunId));
        if (ending == null) {
            throw new Suspension(Suspension.Reason.WAIT, null, List.of());
        }
        nextOp++;
        String id = Ids.step();
        Instant at = env.clock().instant();
        List<Event> events = new ArrayList<>(3);
        events.add(EventData.stepCreated(id, at, name, JsonCodec.toJsonArray(new Object[] {childRunId})));
        events.add(EventData.stepStarted(id, at, 1));
        if (ending.status() == RunStatus.COMPLETED) {
            events.add(EventData.stepCompleted(id, at, ending.outputJson()));
            write(events);
            now = at;
            return JsonCodec.fromJson(ending.outputJson(), returnType);
        }
        String type = ending.status() == RunStatus.CANCELLED ? "dev.durable.workflow.api.RunCancelledException"
                : "dev.durable.workflow.api.RunFailedException";
        String message = ending.status() == RunStatus.CANCELLED ? "Child run " + childRunId + " was cancelled"
                : ending.errorCode() + ": " + ending.errorMessage();
        events.add(EventData.stepFailed(id, at, 1, type, message, true));
        write(events);
        now = at;
        throw new StepFailedException(name, type, message);
    }

    private History.Op logged(int index) {
        return index < history.ops().size() ? history.ops().get(index) : null;
    }

    private void write(List<Event> events) {
        List<Event> all = events;
        List<String> dispatch = List.of();
        if (!pendingCreates.isEmpty()) {
            // steps started with async() take their places in the log before anything that came after them
            all = new ArrayList<>(pendingCreates);
            all.addAll(events);
            dispatch = pendingCreates.stream().map(Event::correlationId).toList();
        }
        checkCeiling(all.size());
        List<Event> toWrite = all;
        int count = engine(() -> env.journal().append(run, eventCount, toWrite));
        if (count == Journal.FENCE_LOST) {
            throw new Suspension(Suspension.Reason.FENCE_LOST);
        }
        eventCount = count;
        pendingCreates.clear();
        if (!dispatch.isEmpty()) {
            List<String> ids = dispatch;
            dispatched.addAll(ids);
            engine(() -> {
                env.dispatcher().dispatch(run.runId(), ids);
                return null;
            });
        }
    }

    /** Runs an infrastructure call, turning its failure into an {@link EngineFailure} the workflow cannot catch. */
    private <R> R engine(java.util.function.Supplier<R> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new EngineFailure(e);
        }
    }

    /** Writes the steps started with async() that are not in the log yet, and enqueues them. */
    void flushPending() {
        if (!pendingCreates.isEmpty()) {
            write(List.of());
        }
    }

    // ---- parallel steps ----

    private Object defer(String id, String name, Type returnType, String inputJson) {
        pendingCreates.add(EventData.stepCreated(id, env.clock().instant(), name, inputJson));
        captured = new Deferred(id, name, returnType);
        return placeholder(returnType);
    }

    /** What a deferred step call returns to its caller (who ignores it): the type's default value. */
    private static Object placeholder(Type type) {
        return type instanceof Class<?> c && c.isPrimitive() && c != void.class
                ? java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(c, 1), 0)
                : null;
    }

    /** Starts the one step {@code call} makes, without waiting for it. */
    public <T> Promise<T> async(java.util.function.Supplier<T> call) {
        if (deferring || step != null) {
            throw new IllegalStateException("async() cannot be nested or called from a step");
        }
        int before = nextOp;
        int pendingBefore = pendingCreates.size();
        deferring = true;
        captured = null;
        try {
            call.get();
            if (captured == null || nextOp != before + 1) {
                throw new IllegalStateException("The call given to async() must call exactly one step");
            }
        } catch (RuntimeException e) {
            // a refused call leaves nothing behind: no position taken, no step queued
            pendingCreates.subList(pendingBefore, pendingCreates.size()).clear();
            nextOp = before;
            captured = null;
            throw e;
        } finally {
            deferring = false;
        }
        Deferred d = captured;
        captured = null;
        return new StepPromise<>(d);
    }

    private final class StepPromise<T> implements Promise<T> {
        private final Deferred step;

        StepPromise(Deferred step) {
            this.step = step;
        }

        @Override
        public T get() {
            return all(List.<Promise<T>>of(this)).get(0);
        }
    }

    private enum Mode { ALL, RACE, ANY }

    /** Waits for every step; the first failure in the log fails the wait. */
    public <T> List<T> all(List<Promise<T>> promises) {
        return await(promises, Mode.ALL);
    }

    /** Waits for the first step to end. */
    public <T> T race(List<Promise<T>> promises) {
        return this.<T>await(promises, Mode.RACE).get(0);
    }

    /** Waits for the first step to succeed. */
    public <T> T any(List<Promise<T>> promises) {
        return this.<T>await(promises, Mode.ANY).get(0);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> await(List<Promise<T>> promises, Mode mode) {
        if (promises.isEmpty()) {
            if (mode == Mode.ALL) {
                return List.of();
            }
            throw new IllegalArgumentException("Nothing to wait for");
        }
        List<Deferred> steps = promises.stream().map(p -> ((StepPromise<T>) p).step).toList();
        flushPending();
        while (true) {
            refresh();
            List<History.StepOp> ops = steps.stream().map(d -> history.step(d.stepId())).toList();
            List<T> answer = (List<T>) decide(steps, ops, mode);
            if (answer != null) {
                return answer;
            }
            int awaiting = mode == Mode.ALL ? (int) ops.stream().filter(o -> !o.finished()).count() : 1;
            List<String> idle = ops.stream().filter(o -> !o.finished() && o.attempts() == 0 && o.retryAfter() == null)
                    .map(History.StepOp::id).filter(id -> !dispatched.contains(id)).toList();
            switch (engine(() -> env.journal().suspend(run, eventCount, List.of(), null, awaiting))) {
                case YES -> {
                    // steps whose messages may have been lost (a delivery died after creating them) go again
                    if (!idle.isEmpty()) {
                        engine(() -> {
                            env.dispatcher().dispatch(run.runId(), idle);
                            return null;
                        });
                    }
                    throw new Suspension(Suspension.Reason.PARKED);
                }
                case FENCE_LOST -> throw new Suspension(Suspension.Reason.FENCE_LOST);
                default -> {
                    // steps ended while we looked: read the log again
                }
            }
        }
    }

    /** The answer of a wait if the log has it, else {@code null}. Decided by log order, so replay agrees. */
    private List<Object> decide(List<Deferred> steps, List<History.StepOp> ops, Mode mode) {
        int chosen = -1;
        for (int i = 0; i < ops.size(); i++) {
            History.StepOp op = ops.get(i);
            if (!op.finished() || (mode == Mode.ANY && op.status() != dev.durable.workflow.api.StepStatus.COMPLETED)
                    || (mode == Mode.ALL && op.status() == dev.durable.workflow.api.StepStatus.COMPLETED)) {
                continue;
            }
            if (chosen < 0 || op.outcomeSeq() < ops.get(chosen).outcomeSeq()) {
                chosen = i;
            }
        }
        if (chosen >= 0) {
            History.StepOp op = ops.get(chosen);
            now = later(now, op.completedAt());
            if (op.status() != dev.durable.workflow.api.StepStatus.COMPLETED) {
                throw new StepFailedException(op.name(), op.errorType(), op.errorMessage());
            }
            List<Object> one = new ArrayList<>(1);
            one.add(JsonCodec.fromJson(op.outputJson(), steps.get(chosen).returnType()));
            return one;
        }
        if (mode == Mode.ALL && ops.stream().allMatch(History.StepOp::finished)) {
            List<Object> values = new ArrayList<>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                now = later(now, ops.get(i).completedAt());
                values.add(JsonCodec.fromJson(ops.get(i).outputJson(), steps.get(i).returnType()));
            }
            return values;
        }
        if (mode == Mode.ANY && ops.stream().allMatch(History.StepOp::finished)) {
            History.StepOp last = ops.stream().max(java.util.Comparator.comparingInt(History.StepOp::outcomeSeq)).orElseThrow();
            now = later(now, last.completedAt());
            throw new StepFailedException(last.name(), last.errorType(), "All " + ops.size() + " steps failed; the last: "
                    + last.errorMessage());
        }
        return null;
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    /** Folds what the log gained since this delivery last looked (its own appends and others'). */
    private void refresh() {
        for (Event e : engine(() -> env.journal().eventsFrom(run.runId(), foldedUpTo))) {
            history.apply(e);
            foldedUpTo = e.seq() + 1;
        }
        eventCount = Math.max(eventCount, foldedUpTo);
    }

    private void checkCeiling(int adding) {
        // keep room for the run's final event
        if (eventCount + adding + 1 > env.maxEvents()) {
            throw new RunAborted(ErrorCode.MAX_EVENTS_EXCEEDED, "The run's log would exceed " + env.maxEvents() + " events");
        }
    }

    private void checkBudget() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Suspension(Suspension.Reason.CONTINUE);
        }
    }

    private static RunAborted divergence(int index, String inCode, History.Op inLog) {
        String logged = inLog instanceof History.StepOp s ? "step '" + s.name() + "'" : "a sleep";
        return new RunAborted(ErrorCode.REPLAY_DIVERGENCE, "Operation " + (index + 1) + " is " + inCode
                + " in the code but " + logged + " in the run's log");
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
