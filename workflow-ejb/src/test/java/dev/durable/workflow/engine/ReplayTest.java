package dev.durable.workflow.engine;

import static dev.durable.workflow.engine.TestRuns.EVENTS_PER_STEP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.engine.TestWorkflows.AddTen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A later delivery returns the logged steps' results without executing them again. */
class ReplayTest {
    private final LoadedRun first = TestRuns.newRun("wrun_replay", "[5]");
    private List<Event> saved;

    @BeforeEach
    void executeFirstDelivery() {
        InMemoryJournal journal = new InMemoryJournal(first);
        TestRuns.execute(first, journal, new AddTen(new Calc()));
        saved = journal.events();
    }

    @Test
    void fullLogExecutesNoStepBody() {
        Calc calc = new Calc();
        LoadedRun again = TestRuns.redelivery(first, saved);

        TestRuns.execute(again, new InMemoryJournal(again), new AddTen(calc));

        assertEquals(0, calc.executions());
    }

    @Test
    void fullLogCompletesWithTheSameOutput() {
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);

        Replayer.Outcome outcome = TestRuns.execute(again, journal, new AddTen(new Calc()));

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals("15", journal.outputJson());
        assertEquals(again.eventCount(), journal.terminalExpectedCount());
    }

    @Test
    void fullLogAppendsNothing() {
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);

        TestRuns.execute(again, journal, new AddTen(new Calc()));

        assertEquals(List.of(), journal.acceptedAppendExpectedCounts());
        assertEquals(saved, journal.events());
    }

    @Test
    void partialLogExecutesOnlyTheMissingStep() {
        Calc calc = new Calc();
        LoadedRun again = TestRuns.redelivery(first, TestRuns.firstOps(saved, 2));
        InMemoryJournal journal = new InMemoryJournal(again);

        Replayer.Outcome outcome = TestRuns.execute(again, journal, new AddTen(calc));

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals(List.of("add(10,5)"), calc.executed());
        assertEquals("15", journal.outputJson());
    }

    @Test
    void partialLogAppendsTheMissingStepAfterTheLoggedEvents() {
        LoadedRun again = TestRuns.redelivery(first, TestRuns.firstOps(saved, 2));
        InMemoryJournal journal = new InMemoryJournal(again);

        TestRuns.execute(again, journal, new AddTen(new Calc()));

        assertEquals(List.of(again.eventCount()), journal.acceptedAppendExpectedCounts());
        assertEquals(again.eventCount() + EVENTS_PER_STEP, journal.terminalExpectedCount());
        assertEquals(3, journal.steps().size());
        assertEquals("[10,5]", journal.steps().get(2).inputJson());
    }

    @Test
    void replayedResultsComeFromTheLogNotFromTheCode() {
        // a log whose first step returned 100: replay must hand 100 to the workflow
        List<Event> edited = new ArrayList<>();
        for (Event e : TestRuns.firstOps(saved, 1)) {
            edited.add(e.type() == EventType.STEP_COMPLETED
                    ? new Event(e.seq(), e.type(), e.correlationId(), e.createdAt(), "{\"output\":100}") : e);
        }
        Calc calc = new Calc();
        LoadedRun again = TestRuns.redelivery(first, edited);
        InMemoryJournal journal = new InMemoryJournal(again);

        TestRuns.execute(again, journal, new AddTen(calc));

        assertEquals(List.of("add(100,3)", "add(103,5)"), calc.executed());
        assertEquals("108", journal.outputJson());
    }
}
