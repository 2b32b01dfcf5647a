package dev.durable.workflow.engine;

import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.codec.JsonCodec;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A step called by the workflow: returns its saved outcome if the log has it; else executes its next
 * attempt inline ({@link StepAttempt}) and saves it in one fenced commit ({@code step_created} on the
 * first attempt, {@code step_started}, the outcome), or suspends the run until a retry is due.
 */
final class StepCall {
    private StepCall() {
    }

    static Object call(RunContext ctx, String name, Type returnType, Retries retries, Object[] args, Callable<Object> body) {
        // encode first, also on replay: arguments that cannot be encoded fail the call, the same way
        // every time, without taking a position
        String inputJson = JsonCodec.toJsonArray(args);
        History.StepOp saved = ctx.replay(History.StepOp.class, "step '" + name + "'", op -> op.name().equals(name));
        if (ctx.join().deferring()) {
            return ctx.join().capture(saved, name, returnType, inputJson);
        }
        if (saved == null) {
            ctx.checkBudget();
            return attempt(ctx, Ids.step(), name, returnType, retries, inputJson, body, 1);
        }
        if (saved.finished()) {
            return ctx.outcome(saved, returnType);
        }
        Instant due = saved.retryAfter();
        if (due != null && ctx.realNow().isBefore(due)) {
            throw ctx.suspension(due, List.of());
        }
        return attempt(ctx, saved.id(), name, returnType, retries, saved.inputJson(), body, saved.attempts() + 1);
    }

    private static Object attempt(RunContext ctx, String id, String name, Type returnType, Retries retries,
                                  String inputJson, Callable<Object> body, int attempt) {
        Instant startedAt = ctx.realNow();
        StepAttempt outcome = StepAttempt.run(ctx.runId(), id, name, attempt, startedAt, retries, ctx.env().clock(),
                ctx.env().stepServices(), body);
        List<Event> events = new ArrayList<>(4);
        if (attempt == 1) {
            events.add(EventData.stepCreated(id, startedAt, name, inputJson));
        }
        events.add(EventData.stepStarted(id, startedAt, attempt));
        events.addAll(outcome.events());
        if (!outcome.last()) {
            throw ctx.suspension(outcome.retryAt(), events);
        }
        ctx.write(events);
        ctx.advanceClock(outcome.endedAt());
        if (outcome.failed()) {
            throw new StepFailedException(name, outcome.errorType(), outcome.errorMessage());
        }
        // hand back what replay would return, so the first execution and replays see the same value
        return JsonCodec.fromJson(outcome.outputJson(), returnType);
    }
}
