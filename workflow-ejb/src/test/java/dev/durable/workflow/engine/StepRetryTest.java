package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.FatalError;
import dev.durable.workflow.api.RetryableError;
import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.api.StepMetadata;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step that throws with retries left suspends the run until its next attempt is due; a later delivery
 * runs that attempt, and when the attempts run out the workflow sees a StepFailedException. The clock
 * stands still unless a test moves it, so every event of a delivery has the same time.
 */
class StepRetryTest {
    private static final Instant T0 = TestRuns.STARTED_AT.plus(Duration.ofHours(1));
    /** Three retries, 10 s apart. */
    private static final Retries THREE_RETRIES = new Retries(3, Duration.ofSeconds(10), 1.0, Duration.ofHours(1));
    private static final Retries ONE_RETRY = new Retries(1, Duration.ofSeconds(10), 1.0, Duration.ofHours(1));

    /** A step that throws the given exceptions at its first attempts, then returns; records each attempt. */
    static final class Flaky {
        private final Retries retries;
        private final Deque<RuntimeException> failures;
        final List<StepMetadata> attempts = new ArrayList<>();

        Flaky(Retries retries, RuntimeException... failures) {
            this.retries = retries;
            this.failures = new ArrayDeque<>(Arrays.asList(failures));
        }

        String fetch(String key) {
            return StepCalls.step("Flaky.fetch", String.class, retries, new Object[] {key}, () -> {
                attempts.add(Workflows.stepMetadata());
                if (!failures.isEmpty()) {
                    throw failures.poll();
                }
                return "value of " + key;
            });
        }
    }

    /** Calls the flaky step once; catches its failure. */
    @Workflow
    public static class FetchesOnce {
        private final Flaky flaky;
        final List<StepFailedException> caught = new ArrayList<>();

        FetchesOnce(Flaky flaky) {
            this.flaky = flaky;
        }

        public String run(String key) {
            try {
                return flaky.fetch(key);
            } catch (StepFailedException e) {
                caught.add(e);
                return "failed";
            }
        }
    }

    private final ManualClock clock = new ManualClock(T0);
    private final LoadedRun first = TestRuns.newRun("wrun_retry", "[\"k\"]");

    /** The first delivery's log, its step having failed once with retries left. */
    private List<Event> firstDeliveryFailingOnce(Flaky flaky) {
        InMemoryJournal journal = new InMemoryJournal(first);
        Replayer.Result result = Deliveries.execute(first, journal, new FetchesOnce(flaky), clock);
        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        return journal.events();
    }

    private static JsonObject data(Event e) {
        return EventData.object(e.data());
    }

    @Test
    void failedFirstAttemptWithRetriesLeftSuspendsUntilTheFailureTimePlusTheDelay() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Flaky flaky = new Flaky(THREE_RETRIES, new IllegalStateException("timeout"));

        Replayer.Result result = Deliveries.execute(first, journal, new FetchesOnce(flaky), clock);

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        assertEquals(T0.plusSeconds(10), result.wakeAt());
        assertEquals(T0.plusSeconds(10), journal.wakeAt());
        assertFalse(journal.isTerminal());
    }

    @Test
    void suspensionWritesCreatedStartedFailedAndRetrying() {
        List<Event> events = firstDeliveryFailingOnce(new Flaky(THREE_RETRIES, new IllegalStateException("timeout")));

        assertEquals(List.of(EventType.STEP_CREATED, EventType.STEP_STARTED, EventType.STEP_FAILED,
                EventType.STEP_RETRYING), TestRuns.types(events));
        assertEquals(1, data(events.get(1)).getInt("attempt"));
        assertFalse(data(events.get(2)).getBoolean("fatal"));
        assertEquals("timeout", data(events.get(2)).getString("errorMessage"));
        assertEquals(T0.plusSeconds(10).toString(), data(events.get(3)).getString("retryAfter"));
    }

    @Test
    void redeliveryBeforeTheRetryIsDueRunsNoBodyAndSuspendsUntilTheSameTime() {
        Flaky flaky = new Flaky(THREE_RETRIES, new IllegalStateException("timeout"));
        List<Event> saved = firstDeliveryFailingOnce(flaky);
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);
        clock.advance(Duration.ofSeconds(5));

        Replayer.Result result = Deliveries.execute(again, journal, new FetchesOnce(flaky), clock);

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        assertEquals(T0.plusSeconds(10), result.wakeAt());
        assertEquals(1, flaky.attempts.size());
        assertEquals(saved, journal.events());
    }

    @Test
    void redeliveryOnceTheRetryIsDueRunsAttemptTwoAndAppendsStartedAndCompleted() {
        Flaky flaky = new Flaky(THREE_RETRIES, new IllegalStateException("timeout"));
        List<Event> saved = firstDeliveryFailingOnce(flaky);
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);
        clock.advance(Duration.ofSeconds(10));

        Replayer.Result result = Deliveries.execute(again, journal, new FetchesOnce(flaky), clock);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals("\"value of k\"", journal.outputJson());
        List<Event> appended = journal.events().subList(saved.size(), journal.events().size());
        assertEquals(List.of(EventType.STEP_STARTED, EventType.STEP_COMPLETED), TestRuns.types(appended));
        assertEquals(2, data(appended.get(0)).getInt("attempt"));
        assertEquals(saved.get(0).correlationId(), appended.get(0).correlationId());
    }

    @Test
    void whenTheAttemptsRunOutTheStepFailsForGood() {
        Flaky flaky = new Flaky(ONE_RETRY, new IllegalStateException("timeout"), new IllegalStateException("timeout again"));
        List<Event> saved = firstDeliveryFailingOnce(flaky);
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);
        clock.advance(Duration.ofSeconds(10));

        Deliveries.execute(again, journal, new FetchesOnce(flaky), clock);

        List<Event> appended = journal.events().subList(saved.size(), journal.events().size());
        assertEquals(List.of(EventType.STEP_STARTED, EventType.STEP_FAILED), TestRuns.types(appended));
        assertEquals(2, data(appended.get(1)).getInt("attempt"));
        assertTrue(data(appended.get(1)).getBoolean("fatal"));
    }

    @Test
    void whenTheAttemptsRunOutTheWorkflowSeesStepFailedException() {
        Flaky flaky = new Flaky(ONE_RETRY, new IllegalStateException("timeout"), new IllegalStateException("timeout again"));
        LoadedRun again = TestRuns.redelivery(first, firstDeliveryFailingOnce(flaky));
        InMemoryJournal journal = new InMemoryJournal(again);
        FetchesOnce workflow = new FetchesOnce(flaky);
        clock.advance(Duration.ofSeconds(10));

        Replayer.Result result = Deliveries.execute(again, journal, workflow, clock);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals("\"failed\"", journal.outputJson());
        StepFailedException e = workflow.caught.get(0);
        assertEquals("Flaky.fetch", e.stepName());
        assertEquals("timeout again", e.errorMessage());
        assertFalse(e.fatal());
    }

    @Test
    void retryableErrorChoosesTheDelayItself() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Flaky flaky = new Flaky(THREE_RETRIES, new RetryableError("rate limited", Duration.ofMinutes(5)));

        Replayer.Result result = Deliveries.execute(first, journal, new FetchesOnce(flaky), clock);

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        assertEquals(T0.plus(Duration.ofMinutes(5)), result.wakeAt());
        assertEquals(T0.plus(Duration.ofMinutes(5)), journal.steps().get(0).retryAfter());
    }

    @Test
    void fatalErrorIsNeverRetriedEvenWithRetriesLeft() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Flaky flaky = new Flaky(THREE_RETRIES, new FatalError("account closed"));
        FetchesOnce workflow = new FetchesOnce(flaky);

        Replayer.Result result = Deliveries.execute(first, journal, workflow, clock);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals(1, flaky.attempts.size());
        assertEquals(List.of(EventType.STEP_CREATED, EventType.STEP_STARTED, EventType.STEP_FAILED),
                TestRuns.types(journal.events()));
        assertTrue(data(journal.events().get(2)).getBoolean("fatal"));
        assertTrue(workflow.caught.get(0).fatal());
        assertEquals("account closed", workflow.caught.get(0).errorMessage());
    }

    @Test
    void stepMetadataGivesTheSameStepIdOnEveryAttemptAndTheAttemptNumber() {
        Flaky flaky = new Flaky(THREE_RETRIES, new IllegalStateException("timeout"));
        List<Event> saved = firstDeliveryFailingOnce(flaky);
        LoadedRun again = TestRuns.redelivery(first, saved);
        clock.advance(Duration.ofSeconds(10));

        Deliveries.execute(again, new InMemoryJournal(again), new FetchesOnce(flaky), clock);

        assertEquals(2, flaky.attempts.size());
        StepMetadata firstAttempt = flaky.attempts.get(0);
        StepMetadata secondAttempt = flaky.attempts.get(1);
        assertEquals(saved.get(0).correlationId(), firstAttempt.stepId());
        assertEquals(firstAttempt.stepId(), secondAttempt.stepId());
        assertEquals("Flaky.fetch", secondAttempt.stepName());
        assertEquals(1, firstAttempt.attempt());
        assertEquals(2, secondAttempt.attempt());
        assertEquals(T0.plusSeconds(10), secondAttempt.startedAt());
    }
}
