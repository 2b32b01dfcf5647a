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
 * One attempt of a step, inline or parallel: runs the body in its {@link StepScope} and turns its result
 * or failure into the outcome's events, with the retry decision. Writes nothing itself.
 *
 * @param events the outcome's events ({@code step_completed}; or {@code step_failed}, followed by
 *               {@code step_retrying} when the step will be tried again)
 * @param last whether this is the step's final outcome (completed, or failed for good)
 * @param outputJson the result as JSON, when it completed
 * @param errorType the failure's class, when it failed
 * @param errorMessage the failure's message, when it failed
 * @param retryAt when to try again, if not last
 */
public record StepAttempt(List<Event> events, boolean last, String outputJson, String errorType, String errorMessage,
                          Instant retryAt) {

    /** Whether the attempt failed (for good or not). */
    public boolean failed() {
        return outputJson == null;
    }

    /**
     * Executes attempt {@code attempt} of step {@code stepId} of run {@code runId}.
     *
     * @param services what the body may ask of the engine
     */
    public static StepAttempt run(String runId, String stepId, String name, int attempt, Instant startedAt,
                                  Retries retries, Clock clock, StepServices services, Callable<Object> body) {
        StepScope scope = new StepScope(runId, new StepMetadata(stepId, name, attempt, startedAt), services);
        Object result = null;
        Exception failure = null;
        String outputJson = null;
        try (EngineObserver.Handle observed = EngineObserver.current().stepAttempt(runId, stepId, name, attempt)) {
            try {
                result = scope.enter(body);
            } catch (Exception e) {
                failure = e;
            }
            if (failure == null) {
                try {
                    outputJson = JsonCodec.toJson(result);
                } catch (RuntimeException e) {
                    failure = new FatalError("The result of step '" + name + "' cannot be serialized as JSON: " + messageOf(e), e);
                }
            }
            if (failure != null) {
                observed.failed(failure);
            }
        }
        Instant at = clock.instant();
        if (failure == null) {
            return new StepAttempt(List.of(EventData.stepCompleted(stepId, at, outputJson)), true, outputJson, null, null, null);
        }
        String type = failure.getClass().getName();
        String message = messageOf(failure);
        if (failure instanceof FatalError || attempt > retries.maxRetries()) {
            return new StepAttempt(List.of(EventData.stepFailed(stepId, at, attempt, type, message, true)), true, null,
                    type, message, null);
        }
        Instant due = failure instanceof RetryableError r ? r.retryAt(at) : retries.nextAttemptAt(attempt, at);
        return new StepAttempt(List.of(EventData.stepFailed(stepId, at, attempt, type, message, false),
                EventData.stepRetrying(stepId, at, attempt, due)), false, null, type, message, due);
    }

    /** The time of the outcome. */
    Instant endedAt() {
        return events.get(0).createdAt();
    }

    static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getName() : m;
    }
}
