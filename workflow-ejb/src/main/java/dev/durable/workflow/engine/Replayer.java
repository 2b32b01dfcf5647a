package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.codec.JsonCodec;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;

/**
 * Executes one delivery of a run: calls the workflow method under a {@link RunContext}, which returns
 * the logged steps' results and executes the new ones, then records how the workflow ended.
 * Knows nothing of JPA or JMS: it writes through a {@link Journal}.
 */
public final class Replayer {

    /** How a delivery ended. */
    public enum Outcome {
        /** The workflow returned; {@code run_completed} is saved. */
        COMPLETED,
        /** The workflow threw or diverged; {@code run_failed} is saved. */
        FAILED,
        /** The delivery used its time budget; the run must be enqueued again to go on. */
        CONTINUE,
        /** The delivery lost the run (cancelled or taken over); nothing more to do here. */
        FENCE_LOST
    }

    private final Journal journal;
    private final Clock clock;
    private final Duration budget;

    /**
     * @param journal where progress is saved
     * @param clock the source of step and run timestamps
     * @param budget how long one delivery may execute new steps before it hands over to a new delivery
     */
    public Replayer(Journal journal, Clock clock, Duration budget) {
        this.journal = journal;
        this.clock = clock;
        this.budget = budget;
    }

    /** Executes the run's workflow on {@code instance} from its log. */
    public Outcome execute(LoadedRun run, WorkflowDefinition definition, Object instance) {
        RunContext ctx = new RunContext(run, journal, clock, System.nanoTime() + budget.toNanos());
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
        if (ctx.stepsCalled() < run.steps().size()) {
            return fail(ctx, ErrorCode.REPLAY_DIVERGENCE, "The workflow returned after " + ctx.stepsCalled()
                    + " step(s) but the run's log has " + run.steps().size());
        }
        String outputJson;
        try {
            outputJson = JsonCodec.toJson(result);
        } catch (RuntimeException e) {
            return fail(ctx, ErrorCode.USER_ERROR, "The workflow's result cannot be serialized as JSON: "
                    + RunContext.messageOf(e));
        }
        return journal.completeRun(run, ctx.eventCount(), outputJson) ? Outcome.COMPLETED : Outcome.FENCE_LOST;
    }

    private Outcome ended(RunContext ctx, Throwable cause) {
        if (cause instanceof Suspension s) {
            return s.reason == Suspension.Reason.CONTINUE ? Outcome.CONTINUE : Outcome.FENCE_LOST;
        }
        if (cause instanceof ReplayDivergence d) {
            return fail(ctx, ErrorCode.REPLAY_DIVERGENCE, d.getMessage());
        }
        return fail(ctx, ErrorCode.USER_ERROR, RunContext.messageOf(cause));
    }

    private Outcome fail(RunContext ctx, ErrorCode code, String message) {
        return journal.failRun(ctx.run(), ctx.eventCount(), code, message) ? Outcome.FAILED : Outcome.FENCE_LOST;
    }
}
