package dev.durable.workflow.engine;

import dev.durable.workflow.api.Promise;
import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.codec.JsonCodec;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Parallel steps: {@code async()} records a step as created without executing it (it is dispatched, see
 * {@link StepDispatcher} and {@link StepAttempt}); {@code all}, {@code race} and {@code any} wait for
 * such steps: while steps executing on this server keep ending, in the delivery; else the run parks
 * until enough of them have ended. The answer is decided by log order, so
 * replay agrees with the first execution.
 */
final class ParallelJoin {
    private final RunContext ctx;
    /** While {@link #async} runs its call: the step the call made. */
    private boolean deferring;
    private Deferred captured;

    /** A step started with {@link #async}: its id and type. */
    private record Deferred(String stepId, String name, Type returnType) {
    }

    private enum Mode { ALL, RACE, ANY }

    ParallelJoin(RunContext ctx) {
        this.ctx = ctx;
    }

    boolean deferring() {
        return deferring;
    }

    /** The step call made inside {@code async()}: recorded (or found in the log), not executed. */
    Object capture(History.StepOp saved, String name, Type returnType, String inputJson) {
        if (captured != null) {
            throw new IllegalStateException("The call given to async() must call exactly one step");
        }
        if (saved != null) {
            captured = new Deferred(saved.id(), name, returnType);
        } else {
            String id = Ids.step();
            ctx.defer(EventData.stepCreated(id, ctx.realNow(), name, inputJson));
            captured = new Deferred(id, name, returnType);
        }
        return placeholder(returnType);
    }

    /** What a deferred step call returns to its caller (who ignores it): the type's default value. */
    private static Object placeholder(Type type) {
        return type instanceof Class<?> c && c.isPrimitive() && c != void.class
                ? java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(c, 1), 0)
                : null;
    }

    /** Starts the one step {@code call} makes, without waiting for it. */
    <T> Promise<T> async(Supplier<T> call) {
        if (deferring || ctx.inStep()) {
            throw new IllegalStateException("async() cannot be nested or called from a step");
        }
        int before = ctx.position();
        int pendingBefore = ctx.pendingCount();
        deferring = true;
        captured = null;
        try {
            call.get();
            if (captured == null || ctx.position() != before + 1) {
                throw new IllegalStateException("The call given to async() must call exactly one step");
            }
        } catch (RuntimeException e) {
            // a refused call leaves nothing behind: no position taken, no step queued
            ctx.dropPendingFrom(pendingBefore);
            ctx.rewind(before);
            captured = null;
            throw e;
        } finally {
            deferring = false;
        }
        Deferred d = captured;
        captured = null;
        return new StepPromise<>(this, d);
    }

    private static final class StepPromise<T> implements Promise<T> {
        private final ParallelJoin join;
        private final Deferred step;

        StepPromise(ParallelJoin join, Deferred step) {
            this.join = join;
            this.step = step;
        }

        @Override
        public T get() {
            return join.all(List.<Promise<T>>of(this)).get(0);
        }
    }

    <T> List<T> all(List<Promise<T>> promises) {
        return await(promises, Mode.ALL);
    }

    <T> T race(List<Promise<T>> promises) {
        return this.<T>await(promises, Mode.RACE).get(0);
    }

    <T> T any(List<Promise<T>> promises) {
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
        List<Deferred> steps = promises.stream().map(p -> {
            if (!(p instanceof StepPromise<T> sp) || sp.join != this) {
                throw new IllegalArgumentException("Only promises from this workflow's async() can be awaited");
            }
            return sp.step;
        }).toList();
        ctx.flushPending();
        while (true) {
            long mark = ctx.localStepMark();
            ctx.refresh();
            List<History.StepOp> ops = steps.stream().map(d -> ctx.history().step(d.stepId())).toList();
            List<T> answer = (List<T>) decide(steps, ops, mode);
            if (answer != null) {
                return answer;
            }
            Instant now = ctx.realNow();
            // steps whose execution may have been lost (a server died with them, a retry's timer with it) go again
            List<String> again = ops.stream().filter(o -> !o.finished() && !ctx.dispatched(o.id()) && due(o, now))
                    .map(History.StepOp::id).toList();
            if (!again.isEmpty()) {
                ctx.dispatch(again);
            }
            // steps executing here that keep ending are waited for; otherwise the run parks and frees its thread
            if (ctx.awaitLocalStep(mark, mode == Mode.ALL)) {
                continue;
            }
            int awaiting = mode == Mode.ALL ? (int) ops.stream().filter(o -> !o.finished()).count() : 1;
            ctx.park(checkBack(ops, now), awaiting);
            // steps ended while we looked: read the log again
        }
    }

    /** Whether a step may be executed now: never begun, its retry due, or its attempt presumed dead. */
    private static boolean due(History.StepOp op, Instant now) {
        Instant at = op.dueAt(EngineConfig.LEASE);
        return at == null || !now.isBefore(at);
    }

    /**
     * When a parked run looks again if no step's end resumes it first: at the earliest retry, or when an
     * attempt in flight would be presumed dead (its server may have died with it); never in the past.
     */
    private static Instant checkBack(List<History.StepOp> ops, Instant now) {
        Instant at = null;
        for (History.StepOp op : ops) {
            if (!op.finished()) {
                Instant due = op.dueAt(EngineConfig.LEASE);
                // not begun, or dispatched again just now: when an attempt begun now would be presumed dead
                Instant t = due != null && due.isAfter(now) ? due : now.plus(EngineConfig.LEASE);
                at = at == null || t.isBefore(at) ? t : at;
            }
        }
        return at;
    }

    /** The answer of a wait if the log has it, else {@code null}. Decided by log order, so replay agrees. */
    private List<Object> decide(List<Deferred> steps, List<History.StepOp> ops, Mode mode) {
        int chosen = -1;
        for (int i = 0; i < ops.size(); i++) {
            History.StepOp op = ops.get(i);
            if (!op.finished() || (mode == Mode.ANY && op.status() != StepStatus.COMPLETED)
                    || (mode == Mode.ALL && op.status() == StepStatus.COMPLETED)) {
                continue;
            }
            if (chosen < 0 || op.outcomeSeq() < ops.get(chosen).outcomeSeq()) {
                chosen = i;
            }
        }
        if (chosen >= 0) {
            History.StepOp op = ops.get(chosen);
            ctx.advanceClock(op.completedAt());
            if (op.status() != StepStatus.COMPLETED) {
                throw new StepFailedException(op.name(), op.errorType(), op.errorMessage());
            }
            List<Object> one = new ArrayList<>(1);
            one.add(JsonCodec.fromJson(op.outputJson(), steps.get(chosen).returnType()));
            return one;
        }
        if (mode == Mode.ALL && ops.stream().allMatch(History.StepOp::finished)) {
            List<Object> values = new ArrayList<>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                ctx.advanceClock(ops.get(i).completedAt());
                values.add(JsonCodec.fromJson(ops.get(i).outputJson(), steps.get(i).returnType()));
            }
            return values;
        }
        if (mode == Mode.ANY && ops.stream().allMatch(History.StepOp::finished)) {
            History.StepOp last = ops.stream().max(Comparator.comparingInt(History.StepOp::outcomeSeq)).orElseThrow();
            ctx.advanceClock(last.completedAt());
            throw new StepFailedException(last.name(), last.errorType(), "All " + ops.size() + " steps failed; the last: "
                    + last.errorMessage());
        }
        return null;
    }
}
