package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.durable.workflow.api.RetryPolicy;
import dev.durable.workflow.api.Step;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Which retry policy a step gets: {@code @Step(maxRetries)} overrides the count alone; the policy itself
 * comes from the step method, else its class, else the workflow class, else {@link Retries#DEFAULT}.
 * And when the next attempt is due.
 */
class RetriesTest {
    private static final Instant FAILED_AT = Instant.parse("2024-05-01T10:00:00Z");

    /** Steps whose class declares no policy. */
    public static class PlainSteps {
        @Step
        public void plain() {
        }

        @Step(maxRetries = 7)
        public void sevenRetries() {
        }

        @Step
        @RetryPolicy(maxRetries = 2, delay = "5s", backoff = 3, maxDelay = "1m")
        public void ownPolicy() {
        }

        @Step(maxRetries = 0)
        @RetryPolicy(maxRetries = 2, delay = "5s", backoff = 3, maxDelay = "1m")
        public void ownPolicyWithoutRetries() {
        }
    }

    /** Steps whose class declares a policy. */
    @RetryPolicy(maxRetries = 5, delay = "2s", backoff = 2, maxDelay = "30s")
    public static class PolicySteps {
        @Step
        public void inherits() {
        }

        @Step
        @RetryPolicy(maxRetries = 1, delay = "500ms")
        public void ownPolicy() {
        }

        @Step(maxRetries = 9)
        public void nineRetries() {
        }
    }

    /** A workflow class that declares a policy for every step it calls. */
    @RetryPolicy(maxRetries = 4, delay = "10m", backoff = 1.5, maxDelay = "2h")
    public static class PolicyWorkflow {
    }

    /** A workflow class without a policy. */
    public static class PlainWorkflow {
    }

    private static Retries of(Class<?> steps, String method, Class<?> workflow) {
        try {
            Method m = steps.getMethod(method);
            return Retries.of(m, workflow);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void defaultIsThreeRetriesOneSecondApartAtMostAnHour() {
        assertEquals(new Retries(3, Duration.ofSeconds(1), 1.0, Duration.ofHours(1)), Retries.DEFAULT);
    }

    @Test
    void withoutAnyPolicyTheDefaultApplies() {
        assertEquals(Retries.DEFAULT, of(PlainSteps.class, "plain", PlainWorkflow.class));
    }

    @Test
    void workflowPolicyAppliesToAStepWithoutOne() {
        assertEquals(new Retries(4, Duration.ofMinutes(10), 1.5, Duration.ofHours(2)),
                of(PlainSteps.class, "plain", PolicyWorkflow.class));
    }

    @Test
    void stepClassPolicyBeatsTheWorkflowPolicy() {
        assertEquals(new Retries(5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30)),
                of(PolicySteps.class, "inherits", PolicyWorkflow.class));
    }

    @Test
    void stepMethodPolicyBeatsItsClassPolicy() {
        // the method's annotation is used whole: its unset members take the annotation's defaults
        assertEquals(new Retries(1, Duration.ofMillis(500), 1.0, Duration.ofHours(1)),
                of(PolicySteps.class, "ownPolicy", PolicyWorkflow.class));
    }

    @Test
    void stepMethodPolicyBeatsTheWorkflowPolicy() {
        assertEquals(new Retries(2, Duration.ofSeconds(5), 3.0, Duration.ofMinutes(1)),
                of(PlainSteps.class, "ownPolicy", PolicyWorkflow.class));
    }

    @Test
    void stepMaxRetriesOverridesTheDefaultCountOnly() {
        assertEquals(new Retries(7, Duration.ofSeconds(1), 1.0, Duration.ofHours(1)),
                of(PlainSteps.class, "sevenRetries", PlainWorkflow.class));
    }

    @Test
    void stepMaxRetriesOverridesTheClassPolicyCountOnly() {
        assertEquals(new Retries(9, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30)),
                of(PolicySteps.class, "nineRetries", PlainWorkflow.class));
    }

    @Test
    void stepMaxRetriesZeroOverridesTheMethodPolicyCountOnly() {
        assertEquals(new Retries(0, Duration.ofSeconds(5), 3.0, Duration.ofMinutes(1)),
                of(PlainSteps.class, "ownPolicyWithoutRetries", PlainWorkflow.class));
    }

    @Test
    void constantDelayWithoutBackoff() {
        Retries r = new Retries(5, Duration.ofSeconds(10), 1.0, Duration.ofHours(1));

        assertEquals(FAILED_AT.plusSeconds(10), r.nextAttemptAt(1, FAILED_AT));
        assertEquals(FAILED_AT.plusSeconds(10), r.nextAttemptAt(4, FAILED_AT));
    }

    @Test
    void backoffTwoDoublesTheDelayAfterEachAttempt() {
        Retries r = new Retries(5, Duration.ofSeconds(1), 2.0, Duration.ofHours(1));

        assertEquals(FAILED_AT.plusSeconds(1), r.nextAttemptAt(1, FAILED_AT));
        assertEquals(FAILED_AT.plusSeconds(2), r.nextAttemptAt(2, FAILED_AT));
        assertEquals(FAILED_AT.plusSeconds(4), r.nextAttemptAt(3, FAILED_AT));
        assertEquals(FAILED_AT.plusSeconds(8), r.nextAttemptAt(4, FAILED_AT));
    }

    @Test
    void maxDelayCapsTheBackoff() {
        Retries r = new Retries(50, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));

        assertEquals(FAILED_AT.plusSeconds(4), r.nextAttemptAt(3, FAILED_AT));
        assertEquals(FAILED_AT.plusSeconds(5), r.nextAttemptAt(4, FAILED_AT));
        assertEquals(FAILED_AT.plusSeconds(5), r.nextAttemptAt(2000, FAILED_AT));
    }

    @Test
    void delayKeepsMillisecondPrecision() {
        Retries r = new Retries(3, Duration.ofMillis(250), 2.0, Duration.ofHours(1));

        assertEquals(FAILED_AT.plusMillis(500), r.nextAttemptAt(2, FAILED_AT));
    }
}
