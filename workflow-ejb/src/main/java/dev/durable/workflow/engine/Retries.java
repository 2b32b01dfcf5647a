package dev.durable.workflow.engine;

import dev.durable.workflow.api.RetryPolicy;
import dev.durable.workflow.api.Step;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The retry policy of a step: {@link Step#maxRetries()}, else the {@link RetryPolicy} on the step
 * method, its class, or the workflow class, else 3 retries 1 s apart.
 */
public record Retries(int maxRetries, Duration delay, double backoff, Duration maxDelay) {
    /** The policy when none is declared. */
    public static final Retries DEFAULT = new Retries(3, Duration.ofSeconds(1), 1.0, Duration.ofHours(1));

    private record Key(Method step, Class<?> workflow) {
    }

    private static final Map<Key, Retries> CACHE = new ConcurrentHashMap<>();

    /** The policy for a step method called by a workflow class (resolved once per pair: this is on every step's path). */
    public static Retries of(Method step, Class<?> workflow) {
        return CACHE.computeIfAbsent(new Key(step, workflow), k -> resolve(step, workflow));
    }

    private static Retries resolve(Method step, Class<?> workflow) {
        RetryPolicy policy = step.getAnnotation(RetryPolicy.class);
        if (policy == null) {
            policy = step.getDeclaringClass().getAnnotation(RetryPolicy.class);
        }
        if (policy == null && workflow != null) {
            policy = workflow.getAnnotation(RetryPolicy.class);
        }
        Retries r = policy == null ? DEFAULT : new Retries(Math.max(0, policy.maxRetries()),
                Durations.parse(policy.delay()), Math.max(1.0, policy.backoff()), Durations.parse(policy.maxDelay()));
        Step annotation = step.getAnnotation(Step.class);
        if (annotation != null && annotation.maxRetries() >= 0) {
            r = new Retries(annotation.maxRetries(), r.delay, r.backoff, r.maxDelay);
        }
        return r;
    }

    /** When attempt {@code failedAttempt + 1} is due, the attempt having failed at {@code failedAt}. */
    public Instant nextAttemptAt(int failedAttempt, Instant failedAt) {
        double millis = delay.toMillis() * Math.pow(backoff, Math.max(0, failedAttempt - 1));
        long wait = (long) Math.min(millis, (double) maxDelay.toMillis());
        return failedAt.plusMillis(wait);
    }
}
