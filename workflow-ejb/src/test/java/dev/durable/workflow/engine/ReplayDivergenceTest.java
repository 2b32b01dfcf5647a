package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.engine.TestWorkflows.AddFive;
import dev.durable.workflow.engine.TestWorkflows.AddTen;
import dev.durable.workflow.engine.TestWorkflows.MultiplyFirst;
import dev.durable.workflow.engine.TestWorkflows.SwallowsExceptions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Code that no longer matches the run's log fails the run with REPLAY_DIVERGENCE. */
class ReplayDivergenceTest {
    private final LoadedRun first = TestRuns.newRun("wrun_diverge", "[5]");
    private LoadedRun again;
    private InMemoryJournal journal;
    private final Calc calc = new Calc();

    @BeforeEach
    void logOfAddTen() {
        InMemoryJournal firstJournal = new InMemoryJournal(first);
        TestRuns.execute(first, firstJournal, new AddTen(new Calc()));
        again = TestRuns.redelivery(first, firstJournal.events());
        journal = new InMemoryJournal(again);
    }

    @Test
    void differentFirstStepNameFailsWithReplayDivergence() {
        Replayer.Outcome outcome = TestRuns.execute(again, journal, new MultiplyFirst(calc));

        assertEquals(Replayer.Outcome.FAILED, outcome);
        assertEquals(ErrorCode.REPLAY_DIVERGENCE, journal.failureCode());
        assertEquals("Operation 1 is step 'Calc.multiply' in the code but step 'Calc.add' in the run's log",
                journal.failureMessage());
        assertFalse(journal.isCompleted());
    }

    @Test
    void differentFirstStepNameRunsNoStepBody() {
        TestRuns.execute(again, journal, new MultiplyFirst(calc));

        assertEquals(List.of(), calc.executed());
        assertEquals(List.of(), journal.acceptedAppendExpectedCounts());
    }

    @Test
    void failureIsWrittenAtTheLoggedEventCount() {
        TestRuns.execute(again, journal, new MultiplyFirst(calc));

        assertEquals(again.eventCount(), journal.terminalExpectedCount());
    }

    @Test
    void logWithMoreStepsThanTheWorkflowCallsFailsWithReplayDivergence() {
        Replayer.Outcome outcome = TestRuns.execute(again, journal, new AddFive(calc));

        assertEquals(Replayer.Outcome.FAILED, outcome);
        assertEquals(ErrorCode.REPLAY_DIVERGENCE, journal.failureCode());
        assertEquals("The workflow returned after 2 operation(s) but the run's log has 3", journal.failureMessage());
        assertEquals(List.of(), calc.executed());
        assertFalse(journal.isCompleted());
    }

    @Test
    void workflowCatchingExceptionCannotHideTheDivergence() {
        List<Event> renamed = TestRuns.firstOps(again.events(), 1).stream()
                .map(e -> e.type() != EventType.STEP_CREATED ? e : new Event(e.seq(), e.type(), e.correlationId(),
                        e.createdAt(), e.data().replace("Calc.add", "Calc.subtract")))
                .toList();
        LoadedRun swapped = TestRuns.redelivery(first, renamed);
        InMemoryJournal j = new InMemoryJournal(swapped);

        Replayer.Outcome outcome = TestRuns.execute(swapped, j, new SwallowsExceptions(calc));

        assertEquals(Replayer.Outcome.FAILED, outcome);
        assertEquals(ErrorCode.REPLAY_DIVERGENCE, j.failureCode());
        assertEquals(List.of(), calc.executed());
    }
}
