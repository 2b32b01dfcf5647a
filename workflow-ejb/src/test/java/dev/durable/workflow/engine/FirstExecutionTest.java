package dev.durable.workflow.engine;

import static dev.durable.workflow.engine.TestRuns.EVENTS_PER_STEP;
import static dev.durable.workflow.engine.TestRuns.INITIAL_EVENT_COUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.engine.TestWorkflows.AddTen;
import dev.durable.workflow.engine.TestWorkflows.Doubler;
import dev.durable.workflow.engine.TestWorkflows.ReturnsUnserializable;
import dev.durable.workflow.engine.TestWorkflows.Throws;
import dev.durable.workflow.engine.TestWorkflows.TwoParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first delivery of a run: an empty log, every step executed and journaled. */
class FirstExecutionTest {
    private final Calc calc = new Calc();
    private final LoadedRun run = TestRuns.newRun("wrun_first", "[5]");
    private final InMemoryJournal journal = new InMemoryJournal(run);

    @Test
    void executesEveryStepOnceInOrder() {
        TestRuns.execute(run, journal, new AddTen(calc));

        assertEquals(List.of("add(5,2)", "add(7,3)", "add(10,5)"), calc.executed());
    }

    @Test
    void completesWithTheWorkflowResultAsJson() {
        Replayer.Outcome outcome = TestRuns.execute(run, journal, new AddTen(calc));

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertTrue(journal.isCompleted());
        assertEquals("15", journal.outputJson());
        assertFalse(journal.isFailed());
    }

    @Test
    void journalsEachStepWithItsNameInputAndOutput() {
        TestRuns.execute(run, journal, new AddTen(calc));

        List<History.StepOp> steps = journal.steps();
        assertEquals(3, steps.size());
        assertStep(steps.get(0), "Calc.add", "[5,2]", "7");
        assertStep(steps.get(1), "Calc.add", "[7,3]", "10");
        assertStep(steps.get(2), "Calc.add", "[10,5]", "15");
    }

    @Test
    void eachStepIsCreatedStartedAndCompletedEvents() {
        TestRuns.execute(run, journal, new AddTen(calc));

        List<EventType> oneStep = List.of(EventType.STEP_CREATED, EventType.STEP_STARTED, EventType.STEP_COMPLETED);
        List<Event> events = journal.events();
        assertEquals(3 * EVENTS_PER_STEP, events.size());
        for (int i = 0; i < 3; i++) {
            List<Event> ofStep = events.subList(i * EVENTS_PER_STEP, (i + 1) * EVENTS_PER_STEP);
            assertEquals(oneStep, TestRuns.types(ofStep));
            assertEquals(1, ofStep.stream().map(Event::correlationId).distinct().count());
        }
    }

    @Test
    void stepsCarryIdsAttemptAndClockTimes() {
        TestRuns.execute(run, journal, new AddTen(calc));

        for (History.StepOp step : journal.steps()) {
            assertTrue(step.id().startsWith("step_"), step.id());
            assertEquals(1, step.attempts());
            assertEquals(step.startedAt(), step.createdAt());
            assertTrue(step.completedAt().isAfter(step.startedAt()));
        }
        assertEquals(3, journal.steps().stream().map(History.StepOp::id).distinct().count());
    }

    @Test
    void eachAppendExpectsTheLogLengthSoFar() {
        TestRuns.execute(run, journal, new AddTen(calc));

        int e = INITIAL_EVENT_COUNT;
        int per = EVENTS_PER_STEP;
        assertEquals(List.of(e, e + per, e + 2 * per), journal.acceptedAppendExpectedCounts());
        assertEquals(e + 3 * per, journal.terminalExpectedCount());
        assertEquals(0, journal.refusedWrites());
    }

    @Test
    void workflowWithoutStepsCompletesWithoutJournalingSteps() {
        Replayer.Outcome outcome = TestRuns.execute(run, journal, new Doubler());

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals("10", journal.outputJson());
        assertTrue(journal.events().isEmpty());
        assertEquals(INITIAL_EVENT_COUNT, journal.terminalExpectedCount());
    }

    @Test
    void workflowThatThrowsFailsWithUserErrorAndItsMessage() {
        LoadedRun throwing = TestRuns.newRun("wrun_throws", "[\"no such customer\"]");
        InMemoryJournal j = new InMemoryJournal(throwing);

        Replayer.Outcome outcome = TestRuns.execute(throwing, j, new Throws());

        assertEquals(Replayer.Outcome.FAILED, outcome);
        assertEquals(ErrorCode.USER_ERROR, j.failureCode());
        assertEquals("no such customer", j.failureMessage());
        assertFalse(j.isCompleted());
    }

    @Test
    void exceptionWithoutMessageFailsWithItsClassName() {
        LoadedRun throwing = TestRuns.newRun("wrun_throws", "[null]");
        InMemoryJournal j = new InMemoryJournal(throwing);

        TestRuns.execute(throwing, j, new Throws());

        assertEquals(ErrorCode.USER_ERROR, j.failureCode());
        assertEquals(IllegalArgumentException.class.getName(), j.failureMessage());
    }

    @Test
    void unserializableWorkflowResultFailsWithUserError() {
        LoadedRun r = TestRuns.newRun("wrun_result", "[]");
        InMemoryJournal j = new InMemoryJournal(r);

        Replayer.Outcome outcome = TestRuns.execute(r, j, new ReturnsUnserializable());

        assertEquals(Replayer.Outcome.FAILED, outcome);
        assertEquals(ErrorCode.USER_ERROR, j.failureCode());
        assertTrue(j.failureMessage().startsWith("The workflow's result cannot be serialized as JSON"),
                j.failureMessage());
    }

    @Test
    void unreadableInputFailsWithCorruptedEventLog() {
        LoadedRun r = TestRuns.newRun("wrun_input", "[1]");
        InMemoryJournal j = new InMemoryJournal(r);

        Replayer.Outcome outcome = TestRuns.execute(r, j, new TwoParams());

        assertEquals(Replayer.Outcome.FAILED, outcome);
        assertEquals(ErrorCode.CORRUPTED_EVENT_LOG, j.failureCode());
        assertTrue(j.failureMessage().startsWith("The run's input cannot be read"), j.failureMessage());
    }

    @Test
    void inputIsDecodedAsTheWorkflowParameters() {
        LoadedRun r = TestRuns.newRun("wrun_input", "[3,\"x\"]");
        InMemoryJournal j = new InMemoryJournal(r);

        TestRuns.execute(r, j, new TwoParams());

        assertEquals("\"x3\"", j.outputJson());
    }

    private static void assertStep(History.StepOp step, String name, String inputJson, String outputJson) {
        assertEquals(name, step.name());
        assertEquals(inputJson, step.inputJson());
        assertEquals(outputJson, step.outputJson());
        assertEquals(StepStatus.COMPLETED, step.status());
        assertNull(step.errorType());
        assertNull(step.errorMessage());
    }
}
