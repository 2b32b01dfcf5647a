package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.durable.workflow.engine.TestWorkflows.AddTen;
import dev.durable.workflow.engine.TestWorkflows.Doubler;
import dev.durable.workflow.engine.TestWorkflows.SwallowsExceptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A delivery past its time budget stops before executing a new step and asks to continue. The deadline
 * is checked only before a new (not logged) step: logged steps replay and step-less code runs regardless.
 */
class DeliveryBudgetTest {
    private final Calc calc = new Calc();
    private final LoadedRun run = TestRuns.newRun("wrun_budget", "[5]");

    @Test
    void exhaustedBudgetContinuesWithoutExecutingAStep() {
        InMemoryJournal journal = new InMemoryJournal(run);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new AddTen(calc), Duration.ZERO);

        assertEquals(Replayer.Outcome.CONTINUE, outcome);
        assertEquals(List.of(), calc.executed());
        assertEquals(List.of(), journal.events());
        assertFalse(journal.isTerminal());
    }

    @Test
    void exhaustedBudgetStillReplaysLoggedStepsThenContinues() {
        InMemoryJournal firstJournal = new InMemoryJournal(run);
        TestRuns.execute(run, firstJournal, new AddTen(new Calc()));
        LoadedRun again = TestRuns.redelivery(run, TestRuns.firstOps(firstJournal.events(), 2));
        InMemoryJournal journal = new InMemoryJournal(again);

        Replayer.Outcome outcome = TestRuns.execute(again, journal, new AddTen(calc), Duration.ZERO);

        assertEquals(Replayer.Outcome.CONTINUE, outcome);
        assertEquals(List.of(), calc.executed());
        assertEquals(2, journal.steps().size());
        assertFalse(journal.isTerminal());
    }

    @Test
    void exhaustedBudgetWithFullLogCompletes() {
        InMemoryJournal firstJournal = new InMemoryJournal(run);
        TestRuns.execute(run, firstJournal, new AddTen(new Calc()));
        LoadedRun again = TestRuns.redelivery(run, firstJournal.events());
        InMemoryJournal journal = new InMemoryJournal(again);

        Replayer.Outcome outcome = TestRuns.execute(again, journal, new AddTen(calc), Duration.ZERO);

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals("15", journal.outputJson());
    }

    @Test
    void exhaustedBudgetDoesNotStopAWorkflowWithoutSteps() {
        InMemoryJournal journal = new InMemoryJournal(run);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new Doubler(), Duration.ZERO);

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals("10", journal.outputJson());
    }

    @Test
    void workflowCatchingExceptionCannotSwallowTheContinuation() {
        InMemoryJournal journal = new InMemoryJournal(run);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new SwallowsExceptions(calc), Duration.ZERO);

        assertEquals(Replayer.Outcome.CONTINUE, outcome);
        assertFalse(journal.isTerminal());
    }

    @Test
    void continuedRunFinishesInTheNextDelivery() {
        InMemoryJournal journal = new InMemoryJournal(run);
        TestRuns.execute(run, journal, new AddTen(calc), Duration.ZERO);

        LoadedRun next = TestRuns.redelivery(run, journal.events());
        InMemoryJournal nextJournal = new InMemoryJournal(next);
        Replayer.Outcome outcome = TestRuns.execute(next, nextJournal, new AddTen(calc));

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals("15", nextJournal.outputJson());
        assertEquals(3, calc.executions());
    }
}
