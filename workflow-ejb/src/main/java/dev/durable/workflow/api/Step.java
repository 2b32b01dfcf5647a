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
 * replay the saved result is returned without running it again; if it throws, the workflow sees a
 * {@link StepFailedException}. Called outside a workflow it is an ordinary method call.
 * Arguments and results must be JSON-B serializable.
 */
@Documented
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Step {
    /** The step's name in the event log; by default {@code SimpleClassName.methodName}. */
    @Nonbinding String value() default "";
}
