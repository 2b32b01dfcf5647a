package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.codec.JsonCodec;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;

/**
 * Executes one delivery of a run: calls the workflow method under a {@link RunContext}, which answers
 * logged operations from the log and executes the new ones, then records how the delivery ended.
 * Knows nothing of JPA or JMS: it writes through the {@link Journal}.
 */
public final class Replayer {

    /** How a delivery ended. */
    public enum Outcome {
        /** The workflow returned; {@code run_completed} is saved. */
        COMPLETED,
        /** The workflow threw, diverged or hit a limit; {@code run_failed} is saved. */
        FAILED,
        /** The workflow waits (sleep, retry delay, child run, hook); resume at {@link Result#wakeAt()}, if set. */
        SUSPENDED,
        /** The delivery used its time budget; the run must be enqueued again to go on. */
        CONTINUE,
        /** The delivery lost the run (cancelled, woken or taken over); nothing more to do here. */
        FENCE_LOST
    }

    /**
     * @param outcome how the delivery ended
     * @param wakeAt when a suspended run wants to resume ({@code null}: when something resumes it)
     * @param ending the run's end as written, if this delivery ended it; else {@code null}
     */
    public record Result(Outcome outcome, Instant wakeAt, ChildRuns.Ending ending) {
        static Result of(Outcome outcome) {
            return new Result(outcome, null, null);
        }
    }

    private final Environment env;

    public Replayer(Environment env) {
        this.env = env;
    }

    /** Executes the run's workflow on {@code instance} from its log. */
    public Result execute(LoadedRun run, WorkflowDefinition definition, Object instance) {
        RunContext ctx = new RunContext(run, definition, env);
        Object[] args;
        try {
            args = JsonCodec.decodeArguments(run.inputJson(), definition.parameterTypes());
        } catch (RuntimeException e) {
            return fail(ctx, ErrorCode.CORRUPTED_EVENT_LOG, "The run's input cannot be read as the workflow's "
                    + "parameters: " + RunContext.messageOf(e));
        }
        Object result;
        ctx.enter();
        try {
            result = definition.method().invoke(instance, args);
        } catch (InvocationTargetException e) {
            return ended(ctx, e.getCause());
        } catch (IllegalAccessException e) {
            return fail(ctx, ErrorCode.RUNTIME_ERROR, "Cannot call the workflow method: " + e.getMessage());
        } finally {
            ctx.exit();
        }
        try {
            ctx.flushPending();
        } catch (Suspension lost) {
            return Result.of(Outcome.FENCE_LOST);
        }
        if (ctx.opsCalled() < ctx.history().ops().size()) {
            return fail(ctx, ErrorCode.REPLAY_DIVERGENCE, "The workflow returned after " + ctx.opsCalled()
                    + " operation(s) but the run's log has " + ctx.history().ops().size());
        }
        String outputJson;
        try {
            outputJson = JsonCodec.toJson(result);
        } catch (RuntimeException e) {
            return fail(ctx, ErrorCode.USER_ERROR, "The workflow's result cannot be serialized as JSON: "
                    + RunContext.messageOf(e));
        }
        return env.journal().completeRun(run, ctx.eventCount(), ctx.activeHooks(), outputJson)
                ? new Result(Outcome.COMPLETED, null, new ChildRuns.Ending(RunStatus.COMPLETED, outputJson, null, null))
                : Result.of(Outcome.FENCE_LOST);
    }

    private Result ended(RunContext ctx, Throwable cause) {
        if (cause instanceof EngineFailure f) {
            throw f.cause0(); // not the workflow's fault: fail the delivery, the message comes back
        }
        if (!(cause instanceof Suspension s && s.reason != Suspension.Reason.WAIT)) {
            try {
                ctx.flushPending(); // steps started with async() and not awaited still run
            } catch (Suspension lost) {
                return Result.of(Outcome.FENCE_LOST);
            }
        }
        if (cause instanceof Suspension s) {
            return switch (s.reason) {
                case CONTINUE -> Result.of(Outcome.CONTINUE);
                case FENCE_LOST -> Result.of(Outcome.FENCE_LOST);
                case PARKED -> new Result(Outcome.SUSPENDED, s.wakeAt, null);
                case WAIT -> switch (env.journal().suspend(ctx.run(), ctx.eventCount(), s.events, s.wakeAt, 0)) {
                    case YES -> new Result(Outcome.SUSPENDED, s.wakeAt, null);
                    // others wrote meanwhile (a wake-up, a parallel step): look again in a fresh delivery
                    case LOG_GREW -> Result.of(Outcome.CONTINUE);
                    case FENCE_LOST -> Result.of(Outcome.FENCE_LOST);
                };
            };
        }
        if (cause instanceof RunAborted a) {
            return fail(ctx, a.code, a.getMessage());
        }
        return fail(ctx, ErrorCode.USER_ERROR, RunContext.messageOf(cause));
    }

    private Result fail(RunContext ctx, ErrorCode code, String message) {
        return env.journal().failRun(ctx.run(), ctx.eventCount(), ctx.activeHooks(), code, message)
                ? new Result(Outcome.FAILED, null, new ChildRuns.Ending(RunStatus.FAILED, null, code, message))
                : Result.of(Outcome.FENCE_LOST);
    }
}
