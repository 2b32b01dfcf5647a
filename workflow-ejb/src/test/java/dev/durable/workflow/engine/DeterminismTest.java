package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.Workflows;
import dev.durable.workflow.engine.TestWorkflows.ClockWatcher;
import dev.durable.workflow.engine.TestWorkflows.RandomWatcher;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Workflows.now() and the random helpers give the same answers on first execution and on replay. */
class DeterminismTest {

    @Test
    void nowIsTheRunStartBeforeAnyStep() {
        LoadedRun run = TestRuns.newRun("wrun_clock", "[]");
        ClockWatcher workflow = new ClockWatcher(new Calc());

        TestRuns.execute(run, new InMemoryJournal(run), workflow);

        assertEquals(TestRuns.STARTED_AT, workflow.seen.get(0));
    }

    @Test
    void nowIsThePreviousStepsCompletionTimeAfterIt() {
        LoadedRun run = TestRuns.newRun("wrun_clock", "[]");
        InMemoryJournal journal = new InMemoryJournal(run);
        ClockWatcher workflow = new ClockWatcher(new Calc());

        TestRuns.execute(run, journal, workflow);

        List<History.StepOp> steps = journal.steps();
        assertEquals(steps.get(0).completedAt(), workflow.seen.get(1));
        assertEquals(steps.get(1).completedAt(), workflow.seen.get(2));
        assertNotEquals(workflow.seen.get(0), workflow.seen.get(1));
    }

    @Test
    void replaySeesTheSameClockAsTheFirstExecution() {
        LoadedRun run = TestRuns.newRun("wrun_clock", "[]");
        InMemoryJournal journal = new InMemoryJournal(run);
        ClockWatcher firstTime = new ClockWatcher(new Calc());
        TestRuns.execute(run, journal, firstTime);

        LoadedRun again = TestRuns.redelivery(run, journal.events());
        ClockWatcher replayed = new ClockWatcher(new Calc());
        // a clock days later: replay must not read it
        TestRuns.execute(again, new InMemoryJournal(again), replayed,
                new TickingClock(TestRuns.STARTED_AT.plus(Duration.ofDays(3)), Duration.ofSeconds(7)), TestRuns.AMPLE_BUDGET);

        assertEquals(firstTime.seen, replayed.seen);
    }

    @Test
    void partialReplaySeesTheLoggedStepTimeThenTheNewOne() {
        LoadedRun run = TestRuns.newRun("wrun_clock", "[]");
        InMemoryJournal firstJournal = new InMemoryJournal(run);
        TestRuns.execute(run, firstJournal, new ClockWatcher(new Calc()));
        LoadedRun again = TestRuns.redelivery(run, TestRuns.firstOps(firstJournal.events(), 1));
        InMemoryJournal journal = new InMemoryJournal(again);
        ClockWatcher workflow = new ClockWatcher(new Calc());

        TestRuns.execute(again, journal, workflow);

        assertEquals(List.of(TestRuns.STARTED_AT, firstJournal.steps().get(0).completedAt(),
                journal.steps().get(1).completedAt()), workflow.seen);
    }

    @Test
    void randomValuesRepeatForTheSameRunId() {
        assertEquals(randomsOf("wrun_same"), randomsOf("wrun_same"));
    }

    @Test
    void randomValuesRepeatOnReplay() {
        LoadedRun run = TestRuns.newRun("wrun_random", "[]");
        InMemoryJournal journal = new InMemoryJournal(run);
        RandomWatcher firstTime = new RandomWatcher(new Calc());
        TestRuns.execute(run, journal, firstTime);

        LoadedRun again = TestRuns.redelivery(run, journal.events());
        RandomWatcher replayed = new RandomWatcher(new Calc());
        TestRuns.execute(again, new InMemoryJournal(again), replayed);

        assertEquals(firstTime.seen, replayed.seen);
    }

    @Test
    void randomValuesDifferForAnotherRunId() {
        List<Object> a = randomsOf("wrun_a");
        List<Object> b = randomsOf("wrun_b");

        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(a.get(i), b.get(i), "value " + i);
        }
    }

    @Test
    void randomValuesAreInRangeAndUuidsAreVersion4() {
        List<Object> seen = randomsOf("wrun_range");

        double d = (Double) seen.get(0);
        assertTrue(d >= 0.0 && d < 1.0, "random() = " + d);
        UUID uuid = (UUID) seen.get(2);
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
        assertNotEquals(seen.get(2), seen.get(4));
    }

    @Test
    void runIdAndInWorkflowInsideTheWorkflow() {
        LoadedRun run = TestRuns.newRun("wrun_inside", "[]");
        RandomWatcher workflow = new RandomWatcher(new Calc());

        TestRuns.execute(run, new InMemoryJournal(run), workflow);

        assertEquals("wrun_inside", workflow.runId);
        assertTrue(workflow.inWorkflow);
    }

    @Test
    void inWorkflowIsFalseOutsideAndAfterADelivery() {
        assertFalse(Workflows.inWorkflow());
        LoadedRun run = TestRuns.newRun("wrun_outside", "[]");
        TestRuns.execute(run, new InMemoryJournal(run), new RandomWatcher(new Calc()));

        assertFalse(Workflows.inWorkflow());
    }

    @Test
    void inWorkflowIsFalseAfterAFailedDelivery() {
        LoadedRun run = TestRuns.newRun("wrun_outside", "[\"boom\"]");
        TestRuns.execute(run, new InMemoryJournal(run), new TestWorkflows.Throws());

        assertFalse(Workflows.inWorkflow());
    }

    @Test
    void deterministicHelpersRefuseToRunOutsideAWorkflow() {
        assertThrows(IllegalStateException.class, Workflows::now);
        assertThrows(IllegalStateException.class, Workflows::random);
        assertThrows(IllegalStateException.class, Workflows::runId);
    }

    @Test
    void stepMethodsAreOrdinaryCallsOutsideAWorkflow() {
        Calc calc = new Calc();

        assertEquals(7, calc.add(5, 2));
        assertEquals(List.of("add(5,2)"), calc.executed());
    }

    private static List<Object> randomsOf(String runId) {
        LoadedRun run = TestRuns.newRun(runId, "[]");
        RandomWatcher workflow = new RandomWatcher(new Calc());
        TestRuns.execute(run, new InMemoryJournal(run), workflow);
        assertEquals(5, workflow.seen.size());
        return workflow.seen;
    }
}
