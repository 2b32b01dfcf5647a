package dev.durable.workflow.engine;

import static dev.durable.workflow.engine.TestRuns.STARTED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Workflows.sleep}: the run is suspended until the workflow clock (frozen at the run's start) plus
 * the duration; a later delivery past that time completes the wait and goes on. The clock stands still
 * unless a test moves it.
 */
class SleepTest {
    private static final Instant RESUME_AT = STARTED_AT.plus(Duration.ofMinutes(10));

    /** Sleeps for a duration, then adds 1 and 2; records the workflow clock after the sleep. */
    @Workflow
    public static class Sleeper {
        private final Calc calc;
        private final Duration duration;
        final List<Instant> nowAfterSleep = new ArrayList<>();

        Sleeper(Calc calc, Duration duration) {
            this.calc = calc;
            this.duration = duration;
        }

        public int run() {
            Workflows.sleep(duration);
            nowAfterSleep.add(Workflows.now());
            return calc.add(1, 2);
        }
    }

    /** Sleeps ten minutes, the duration written as text. */
    @Workflow
    public static class SleepsTenMinutesAsText {
        public String run() {
            Workflows.sleep("10m");
            return "awake";
        }
    }

    /** Sleeps for a duration given as text. */
    @Workflow
    public static class SleepsAsText {
        private final String duration;

        SleepsAsText(String duration) {
            this.duration = duration;
        }

        public String run() {
            Workflows.sleep(duration);
            return "awake";
        }
    }

    /** Adds 1 and 2, then sleeps: the same log position holds a step where Sleeper sleeps. */
    @Workflow
    public static class AddsThenSleeps {
        private final Calc calc;

        AddsThenSleeps(Calc calc) {
            this.calc = calc;
        }

        public int run() {
            int x = calc.add(1, 2);
            Workflows.sleep(Duration.ofMinutes(10));
            return x;
        }
    }

    private final Calc calc = new Calc();
    /** A minute after the run started: the first delivery sees this. */
    private final ManualClock clock = new ManualClock(STARTED_AT.plus(Duration.ofMinutes(1)));
    private final LoadedRun first = TestRuns.newRun("wrun_sleep", "[]");

    private Sleeper sleeper() {
        return new Sleeper(calc, Duration.ofMinutes(10));
    }

    /** The log after the first delivery: a wait_created. */
    private List<Event> firstDelivery() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Deliveries.execute(first, journal, sleeper(), clock);
        return journal.events();
    }

    @Test
    void sleepOnAnEmptyLogSuspendsUntilTheRunStartPlusTheDuration() {
        InMemoryJournal journal = new InMemoryJournal(first);

        Replayer.Result result = Deliveries.execute(first, journal, sleeper(), clock);

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        assertEquals(RESUME_AT, result.wakeAt());
        assertEquals(RESUME_AT, journal.wakeAt());
        assertEquals(List.of(), calc.executed());
    }

    @Test
    void sleepWritesWaitCreatedWithItsResumeTime() {
        List<Event> events = firstDelivery();

        assertEquals(List.of(EventType.WAIT_CREATED), TestRuns.types(events));
        assertEquals(RESUME_AT.toString(), EventData.object(events.get(0).data()).getString("resumeAt"));
        assertEquals(1, History.of(events).pendingWaits().size());
    }

    @Test
    void redeliveryBeforeTheResumeTimeSuspendsAgainWithoutWriting() {
        List<Event> saved = firstDelivery();
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);
        clock.set(RESUME_AT.minusSeconds(1));

        Replayer.Result result = Deliveries.execute(again, journal, sleeper(), clock);

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        assertEquals(RESUME_AT, result.wakeAt());
        assertEquals(saved, journal.events());
        assertEquals(List.of(), journal.acceptedAppendExpectedCounts());
        assertEquals(List.of(), calc.executed());
    }

    @Test
    void redeliveryAtTheResumeTimeCompletesTheWaitAndGoesOn() {
        List<Event> saved = firstDelivery();
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);
        clock.set(RESUME_AT);

        Replayer.Result result = Deliveries.execute(again, journal, sleeper(), clock);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals("3", journal.outputJson());
        List<Event> appended = journal.events().subList(saved.size(), journal.events().size());
        assertEquals(List.of(EventType.WAIT_COMPLETED, EventType.STEP_CREATED, EventType.STEP_STARTED,
                EventType.STEP_COMPLETED), TestRuns.types(appended));
        assertEquals(saved.get(0).correlationId(), appended.get(0).correlationId());
        assertEquals(List.of("add(1,2)"), calc.executed());
    }

    @Test
    void nowAfterTheSleepIsTheTimeTheWaitCompleted() {
        List<Event> saved = firstDelivery();
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);
        Sleeper workflow = sleeper();
        clock.set(RESUME_AT.plus(Duration.ofMinutes(2)));

        Deliveries.execute(again, journal, workflow, clock);

        Instant waitCompletedAt = journal.events().get(saved.size()).createdAt();
        assertEquals(RESUME_AT.plus(Duration.ofMinutes(2)), waitCompletedAt);
        assertEquals(List.of(waitCompletedAt), workflow.nowAfterSleep);
    }

    @Test
    void logWithTheCompletedWaitReplaysWithoutWriting() {
        List<Event> waitEvents = firstDelivery();
        LoadedRun second = TestRuns.redelivery(first, waitEvents);
        InMemoryJournal secondJournal = new InMemoryJournal(second);
        clock.set(RESUME_AT);
        Deliveries.execute(second, secondJournal, sleeper(), clock);
        LoadedRun third = TestRuns.redelivery(first, secondJournal.events());
        InMemoryJournal journal = new InMemoryJournal(third);
        Sleeper workflow = sleeper();
        clock.set(RESUME_AT.plus(Duration.ofDays(3)));

        Replayer.Result result = Deliveries.execute(third, journal, workflow, clock);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals(secondJournal.events(), journal.events());
        assertEquals(List.of(), journal.acceptedAppendExpectedCounts());
        assertEquals(List.of(RESUME_AT), workflow.nowAfterSleep);
        assertEquals(List.of("add(1,2)"), calc.executed());
    }

    @Test
    void zeroSleepWritesCreatedAndCompletedAtOnceAndGoesOn() {
        InMemoryJournal journal = new InMemoryJournal(first);

        Replayer.Result result = Deliveries.execute(first, journal, new Sleeper(calc, Duration.ZERO), clock);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals(List.of(EventType.WAIT_CREATED, EventType.WAIT_COMPLETED), TestRuns.types(journal.events().subList(0, 2)));
        assertEquals(List.of("add(1,2)"), calc.executed());
    }

    @Test
    void negativeSleepWritesCreatedAndCompletedAtOnceAndGoesOn() {
        InMemoryJournal journal = new InMemoryJournal(first);

        Replayer.Result result = Deliveries.execute(first, journal, new Sleeper(calc, Duration.ofSeconds(-5)), clock);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals(List.of(EventType.WAIT_CREATED, EventType.WAIT_COMPLETED), TestRuns.types(journal.events().subList(0, 2)));
        assertEquals(List.of(), History.of(journal.events()).pendingWaits());
    }

    @Test
    void sleepTakesItsDurationAsText() {
        InMemoryJournal journal = new InMemoryJournal(first);

        Replayer.Result result = Deliveries.execute(first, journal, new SleepsTenMinutesAsText(), clock);

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        assertEquals(RESUME_AT, result.wakeAt());
    }

    @Test
    void wakeUpEndsTheSleepBeforeItsTime() {
        List<Event> saved = new ArrayList<>(firstDelivery());
        Instant wokenAt = STARTED_AT.plus(Duration.ofMinutes(2));
        Event wakeUp = EventData.waitCompleted(saved.get(0).correlationId(), wokenAt, true);
        saved.add(new Event(first.eventCount() + saved.size(), wakeUp.type(), wakeUp.correlationId(), wakeUp.createdAt(),
                wakeUp.data()));
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);
        Sleeper workflow = sleeper();
        clock.set(STARTED_AT.plus(Duration.ofMinutes(3)));

        Replayer.Result result = Deliveries.execute(again, journal, workflow, clock);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals(List.of(wokenAt), workflow.nowAfterSleep);
        assertEquals(List.of("add(1,2)"), calc.executed());
    }

    @Test
    void sleepInTheLogWhereTheCodeCallsAStepIsADivergence() {
        LoadedRun again = TestRuns.redelivery(TestRuns.newRun("wrun_sleep", "[5]"), firstDelivery());
        InMemoryJournal journal = new InMemoryJournal(again);

        Replayer.Result result = Deliveries.execute(again, journal, new TestWorkflows.AddTen(calc), clock);

        assertEquals(Replayer.Outcome.FAILED, result.outcome());
        assertEquals(ErrorCode.REPLAY_DIVERGENCE, journal.failureCode());
        assertTrue(journal.failureMessage().contains("a sleep in the run's log"), journal.failureMessage());
        assertEquals(List.of(), calc.executed());
    }

    @Test
    void stepInTheLogWhereTheCodeSleepsIsADivergence() {
        InMemoryJournal firstJournal = new InMemoryJournal(first);
        Deliveries.execute(first, firstJournal, new AddsThenSleeps(new Calc()), clock);
        LoadedRun again = TestRuns.redelivery(first, TestRuns.firstOps(firstJournal.events(), 1));
        InMemoryJournal journal = new InMemoryJournal(again);

        Replayer.Result result = Deliveries.execute(again, journal, sleeper(), clock);

        assertEquals(Replayer.Outcome.FAILED, result.outcome());
        assertEquals(ErrorCode.REPLAY_DIVERGENCE, journal.failureCode());
        assertTrue(journal.failureMessage().contains("a sleep in the code"), journal.failureMessage());
    }

    @Test
    void aSleepPastTheYear9999OrANegativeTextFailsTheRunAsTheWorkflowsErrorWritingNoWait() {
        for (Object workflow : new Object[] {new SleepsAsText("99999999999d"), new SleepsAsText("-1s"),
                new Sleeper(calc, Duration.ofDays(99_999_999_999L))}) {
            InMemoryJournal journal = new InMemoryJournal(first);

            Replayer.Result result = Deliveries.execute(first, journal, workflow, clock);

            assertEquals(Replayer.Outcome.FAILED, result.outcome(), workflow.toString());
            assertEquals(dev.durable.workflow.api.ErrorCode.USER_ERROR, journal.failureCode());
            assertTrue(journal.failureMessage().contains("negative") || journal.failureMessage().contains("9999"),
                    journal.failureMessage());
            assertEquals(0, History.of(journal.events()).pendingWaits().size());
        }
    }
}
