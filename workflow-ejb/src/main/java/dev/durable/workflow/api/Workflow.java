package dev.durable.workflow.api;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean as a workflow. The class has one workflow method: the method annotated
 * {@link WorkflowMethod}, or else its only public method. The workflow method is replayed from the
 * run's event log whenever the run resumes, so it must be deterministic: it does its I/O through
 * {@link Step} methods and takes time and randomness from {@link Workflows}.
 *
 * <pre>{@code
 * @Workflow("userSignup")
 * public class UserSignup {
 *     @Inject SignupSteps steps;
 *     public String run(String email) {
 *         User user = steps.createUser(email);
 *         steps.sendWelcomeEmail(user);
 *         return user.id();
 *     }
 * }
 * }</pre>
 *
 * <p>{@code @Workflow} is a CDI stereotype of {@code @Dependent} beans, so workflow classes are found in
 * any bean archive, also one whose beans.xml discovers only annotated beans.
 */
@Stereotype
@Dependent
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Workflow {
    /** The workflow's registered name; by default the simple class name with a lower-case first letter. */
    String value() default "";
}
