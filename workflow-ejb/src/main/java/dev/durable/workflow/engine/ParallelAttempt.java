package dev.durable.workflow.engine;

import dev.durable.workflow.api.FatalError;
import dev.durable.workflow.api.RetryableError;
import dev.durable.workflow.api.StepMetadata;
import dev.durable.workflow.codec.JsonCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One attempt of a parallel step, executed by its own delivery (not inside the workflow): runs the body
 * and turns its result or failure into the events to append, with the retry decision.
 *
 * @param events the outcome's events
 * @param last whether this is the step's final outcome (completed, or failed for good)
 * @param failed whether it failed
 * @param retryAt when to try again, if not last
 */
public record ParallelAttempt(List<Event> events, boolean last, boolean failed, Instant retryAt) {
    private static final ThreadLocal<StepMetadata> DETACHED = new ThreadLocal<>();

    /** The metadata of the parallel step executing on this thread, or {@code null}. */
    public static StepMetadata current() {
        return DETACHED.get();
    }

    /** Executes attempt {@code attempt} of the step. */
    public static ParallelAttempt run(String stepId, String name, int attempt, Retries retries, Clock clock,
                                      Callable<Object> body) {
        Instant startedAt = clock.instant();
        Object result = null;
        Exception failure = null;
        DETACHED.set(new StepMetadata(stepId, name, attempt, startedAt));
        try {
            result = body.call();
        } catch (Exception e) {
            failure = e;
        } finally {
            DETACHED.remove();
        }
        String outputJson = null;
        if (failure == null) {
            try {
                outputJson = JsonCodec.toJson(result);
            } catch (RuntimeException e) {
                failure = new FatalError("The result of step '" + name + "' cannot be serialized as JSON: "
                        + RunContext.messageOf(e), e);
            }
        }
        Instant at = clock.instant();
        if (failure == null) {
            return new ParallelAttempt(List.of(EventData.stepCompleted(stepId, at, outputJson)), true, false, null);
        }
        String type = failure.getClass().getName();
        String message = RunContext.messageOf(failure);
        if (failure instanceof FatalError || attempt > retries.maxRetries()) {
            return new ParallelAttempt(List.of(EventData.stepFailed(stepId, at, attempt, type, message, true)), true, true, null);
        }
        Instant due = failure instanceof RetryableError r ? r.retryAt(at) : retries.nextAttemptAt(attempt, at);
        return new ParallelAttempt(List.of(EventData.stepFailed(stepId, at, attempt, type, message, false),
                EventData.stepRetrying(stepId, at, attempt, due)), false, true, due);
    }
}
