package dev.durable.workflow.api;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean (or every business method of a class) as a step. Called inside a
 * workflow, a step runs once: its arguments and result are saved in the run's event log, and on
 * replay the saved result is returned without running it again. If it throws it is retried (see
 * {@link RetryPolicy}), with the run suspended in between and nothing held; when its attempts run out,
 * or it throws {@link FatalError}, the workflow sees a {@link StepFailedException}. Called outside a
 * workflow it is an ordinary method call. Inside a step, {@link Workflows#stepMetadata()} gives the
 * step's id (the same across retries: use it as an idempotency key for external calls) and attempt.
 * Arguments and results must be JSON-B serializable.
 */
@Documented
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Step {
    /** The step's name in the event log; by default {@code SimpleClassName.methodName}. */
    @Nonbinding String value() default "";

    /**
     * Retries after the first attempt; by default those of the {@link RetryPolicy} in force (3). A step
     * that throws is retried until its attempts run out, then the workflow sees a
     * {@link StepFailedException}; a {@link FatalError} is never retried.
     */
    @Nonbinding int maxRetries() default -1;
}
