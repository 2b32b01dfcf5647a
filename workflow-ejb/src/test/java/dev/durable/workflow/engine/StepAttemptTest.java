package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.FatalError;
import dev.durable.workflow.api.Workflows;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * One attempt of a step, as a parallel step's delivery runs it (outside its workflow): the step sees the
 * same context as an inline step (its run, its metadata, cancellation), and its outcome becomes events.
 */
class StepAttemptTest {
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");
    private final ManualClock clock = new ManualClock(AT);
    private final Retries twoRetries = new Retries(2, Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1));

    @Test
    void aStepOutsideItsWorkflowSeesItsRunItsMetadataAndOrdinaryRandomness() {
        StepAttempt a = StepAttempt.run("wrun_x", "step_1", "S.work", 2, AT, twoRetries, clock, Deliveries.NO_STEP_SERVICES,
                () -> Workflows.runId() + "/" + Workflows.stepMetadata().stepId() + "/" + Workflows.stepMetadata().attempt()
                        + "/" + Workflows.cancelRequested() + "/" + Workflows.inWorkflow() + "/" + (Workflows.random() < 1));
        assertTrue(a.last());
        assertEquals("\"wrun_x/step_1/2/false/false/true\"", a.outputJson());
        assertEquals(EventType.STEP_COMPLETED, a.events().get(0).type());
        assertThrows(IllegalStateException.class, Workflows::runId, "the scope ends with the attempt");
    }

    @Test
    void aFailureWithRetriesLeftIsRetriedAndAFatalErrorIsNot() {
        StepAttempt retry = StepAttempt.run("wrun_x", "step_1", "S.work", 1, AT, twoRetries, clock, Deliveries.NO_STEP_SERVICES,
                () -> {
                    throw new IllegalStateException("flaky");
                });
        assertFalse(retry.last());
        assertEquals(AT.plusSeconds(1), retry.retryAt());
        assertEquals(2, retry.events().size(), "step_failed and step_retrying");

        StepAttempt fatal = StepAttempt.run("wrun_x", "step_1", "S.work", 1, AT, twoRetries, clock, Deliveries.NO_STEP_SERVICES,
                () -> {
                    throw new FatalError("no");
                });
        assertTrue(fatal.last());
        assertTrue(fatal.failed());
        assertEquals("no", fatal.errorMessage());
    }

    @Test
    void eachAttemptIsObservedAroundItsBodyWithItsOutcome() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        EngineObserver.install(new EngineObserver() {
            @Override
            public Handle stepAttempt(String runId, String stepId, String stepName, int attempt) {
                seen.add("begin " + stepName + " #" + attempt);
                return new Handle() {
                    @Override
                    public void failed(Throwable failure) {
                        seen.add("failed " + failure.getMessage());
                    }

                    @Override
                    public void close() {
                        seen.add("end");
                    }
                };
            }
        });
        try {
            StepAttempt.run("wrun_x", "step_1", "S.work", 1, AT, twoRetries, clock, Deliveries.NO_STEP_SERVICES, () -> {
                seen.add("body");
                return 1;
            });
            StepAttempt.run("wrun_x", "step_2", "S.flaky", 3, AT, twoRetries, clock, Deliveries.NO_STEP_SERVICES, () -> {
                throw new IllegalStateException("flaky");
            });
        } finally {
            EngineObserver.install(EngineObserver.NONE);
        }
        assertEquals(java.util.List.of("begin S.work #1", "body", "end", "begin S.flaky #3", "failed flaky", "end"), seen);
    }

    @Test
    void aWorkflowOnlyOperationIsRefusedInsideAStep() {
        StepAttempt a = StepAttempt.run("wrun_x", "step_1", "S.work", 1, AT, twoRetries, clock, Deliveries.NO_STEP_SERVICES,
                () -> {
                    Workflows.sleep(Duration.ofSeconds(1));
                    return null;
                });
        assertTrue(a.failed());
        assertTrue(a.errorMessage().contains("Inside a step"), a.errorMessage());
    }
}
