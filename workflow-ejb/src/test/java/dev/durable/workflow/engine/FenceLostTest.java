package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.durable.workflow.engine.TestWorkflows.AddTen;
import dev.durable.workflow.engine.TestWorkflows.Doubler;
import dev.durable.workflow.engine.TestWorkflows.SwallowsExceptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the journal refuses a write (cancelled, taken over), the delivery stops and writes nothing more. */
class FenceLostTest {
    private final Calc calc = new Calc();
    private final LoadedRun run = TestRuns.newRun("wrun_fence", "[5]");
    private final InMemoryJournal journal = new InMemoryJournal(run);

    @Test
    void refusedStepAppendEndsTheDeliveryWithFenceLost() {
        journal.loseFence();

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new AddTen(calc));

        assertEquals(Replayer.Outcome.FENCE_LOST, outcome);
    }

    @Test
    void refusedStepAppendWritesNoCompletionOrFailure() {
        journal.loseFence();

        TestRuns.execute(run, journal, new AddTen(calc));

        assertFalse(journal.isTerminal());
        assertEquals(List.of(), journal.events());
    }

    @Test
    void refusedStepAppendStopsBeforeTheNextStep() {
        journal.loseFence();

        TestRuns.execute(run, journal, new AddTen(calc));

        // the first step's body ran (the refusal comes when saving it); nothing after it runs
        assertEquals(List.of("add(5,2)"), calc.executed());
    }

    @Test
    void fenceLostMidRunKeepsTheStepsSavedBefore() {
        journal.loseFenceAfterAppends(1);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new AddTen(calc));

        assertEquals(Replayer.Outcome.FENCE_LOST, outcome);
        assertEquals(List.of("add(5,2)", "add(7,3)"), calc.executed());
        assertEquals(1, journal.steps().size());
        assertFalse(journal.isTerminal());
    }

    @Test
    void refusedCompletionIsFenceLost() {
        journal.loseFenceAfterAppends(3);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new AddTen(calc));

        assertEquals(Replayer.Outcome.FENCE_LOST, outcome);
        assertEquals(3, journal.steps().size());
        assertFalse(journal.isTerminal());
    }

    @Test
    void refusedCompletionOfStepLessWorkflowIsFenceLost() {
        journal.loseFence();

        assertEquals(Replayer.Outcome.FENCE_LOST, TestRuns.execute(run, journal, new Doubler()));
        assertFalse(journal.isTerminal());
    }

    @Test
    void workflowCatchingExceptionCannotSwallowTheLostFence() {
        journal.loseFence();

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new SwallowsExceptions(calc));

        assertEquals(Replayer.Outcome.FENCE_LOST, outcome);
        assertFalse(journal.isTerminal());
        assertEquals(1, calc.executions());
    }
}
