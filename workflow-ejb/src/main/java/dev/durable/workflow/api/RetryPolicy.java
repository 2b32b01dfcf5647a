package dev.durable.workflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a failing step is retried. On a {@link Step} method or its class it applies to those steps; on a
 * {@link Workflow} class it is the default for every step that workflow calls. Without one, a step is
 * retried 3 times (4 attempts in all) with 1 s between attempts. {@link Step#maxRetries()} overrides the
 * number of retries alone.
 *
 * <p>The wait before attempt n+1 is {@code delay × backoff^(n-1)}, at most {@code maxDelay}. Durations
 * are written like {@code "500ms"}, {@code "30s"}, {@code "10m"}, {@code "2h"}, {@code "5d"} or ISO-8601
 * ({@code "PT30S"}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RetryPolicy {
    /** Retries after the first attempt. */
    int maxRetries() default 3;

    /** The wait before the first retry. */
    String delay() default "1s";

    /** The factor the wait grows by with each retry; 1 keeps it constant. */
    double backoff() default 1.0;

    /** The longest wait between two attempts. */
    String maxDelay() default "1h";
}
