package dev.durable.workflow.engine;

import static dev.durable.workflow.engine.TestRuns.EVENTS_PER_STEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.FatalError;
import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.engine.TestWorkflows.CatchesFatal;
import dev.durable.workflow.engine.TestWorkflows.Compensates;
import dev.durable.workflow.engine.TestWorkflows.FailsUncaught;
import dev.durable.workflow.engine.TestWorkflows.RetriesFailingStep;
import dev.durable.workflow.engine.TestWorkflows.UnserializableStepResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step that throws (with no retries left) is journaled as failed and surfaces as StepFailedException,
 * the same on replay. The {@link Calc} steps have no retries unless their name says so.
 */
class StepFailureTest {
    private final Calc calc = new Calc();

    @Test
    void throwingStepIsJournaledAsFailed() {
        LoadedRun run = TestRuns.newRun("wrun_fail", "[\"card declined\"]");
        InMemoryJournal journal = new InMemoryJournal(run);

        TestRuns.execute(run, journal, new FailsUncaught(calc));

        assertEquals(2, journal.steps().size());
        History.StepOp failed = journal.steps().get(1);
        assertEquals("Calc.failWith", failed.name());
        assertEquals("[\"card declined\"]", failed.inputJson());
        assertEquals(StepStatus.FAILED, failed.status());
        assertNull(failed.outputJson());
        assertEquals("java.lang.IllegalStateException", failed.errorType());
        assertEquals("card declined", failed.errorMessage());
    }

    @Test
    void failedStepIsCreatedStartedAndFailedEvents() {
        LoadedRun run = TestRuns.newRun("wrun_fail", "[\"card declined\"]");
        InMemoryJournal journal = new InMemoryJournal(run);

        TestRuns.execute(run, journal, new FailsUncaught(calc));

        List<Event> ofFailedStep = journal.events().subList(EVENTS_PER_STEP, 2 * EVENTS_PER_STEP);
        assertEquals(List.of(EventType.STEP_CREATED, EventType.STEP_STARTED, EventType.STEP_FAILED),
                TestRuns.types(ofFailedStep));
    }

    @Test
    void uncaughtStepFailureFailsTheRunWithUserErrorAndTheStepMessage() {
        LoadedRun run = TestRuns.newRun("wrun_fail", "[\"card declined\"]");
        InMemoryJournal journal = new InMemoryJournal(run);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new FailsUncaught(calc));

        assertEquals(Replayer.Outcome.FAILED, outcome);
        assertEquals(ErrorCode.USER_ERROR, journal.failureCode());
        assertEquals("card declined", journal.failureMessage());
        assertEquals(run.eventCount() + 2 * EVENTS_PER_STEP, journal.terminalExpectedCount());
        assertFalse(journal.isCompleted());
    }

    @Test
    void stepExceptionWithoutMessageIsJournaledWithItsClassName() {
        LoadedRun run = TestRuns.newRun("wrun_fail", "[null]");
        InMemoryJournal journal = new InMemoryJournal(run);

        TestRuns.execute(run, journal, new FailsUncaught(calc));

        assertEquals("java.lang.IllegalStateException", journal.steps().get(1).errorMessage());
        assertEquals("java.lang.IllegalStateException", journal.failureMessage());
    }

    @Test
    void workflowSeesStepFailedExceptionDescribingTheStep() {
        LoadedRun run = TestRuns.newRun("wrun_comp", "[\"out of stock\"]");
        Compensates workflow = new Compensates(calc);

        TestRuns.execute(run, new InMemoryJournal(run), workflow);

        assertEquals(1, workflow.caught.size());
        StepFailedException e = workflow.caught.get(0);
        assertEquals("Calc.failWith", e.stepName());
        assertEquals("java.lang.IllegalStateException", e.errorType());
        assertEquals("out of stock", e.errorMessage());
        assertEquals("out of stock", e.getMessage());
        assertFalse(e.fatal());
    }

    @Test
    void caughtStepFailureLetsTheWorkflowCompensateAndComplete() {
        LoadedRun run = TestRuns.newRun("wrun_comp", "[\"out of stock\"]");
        InMemoryJournal journal = new InMemoryJournal(run);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new Compensates(calc));

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals("\"compensated 101: out of stock\"", journal.outputJson());
        assertEquals(List.of("failWith(out of stock)", "add(100,1)"), calc.executed());
        assertEquals(List.of("Calc.failWith", "Calc.add"), journal.steps().stream().map(History.StepOp::name).toList());
    }

    @Test
    void replayTakesTheSameCatchPathWithoutExecutingTheFailedStep() {
        LoadedRun first = TestRuns.newRun("wrun_comp", "[\"out of stock\"]");
        InMemoryJournal firstJournal = new InMemoryJournal(first);
        TestRuns.execute(first, firstJournal, new Compensates(new Calc()));
        LoadedRun again = TestRuns.redelivery(first, firstJournal.events());
        InMemoryJournal journal = new InMemoryJournal(again);
        Compensates workflow = new Compensates(calc);

        Replayer.Outcome outcome = TestRuns.execute(again, journal, workflow);

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals(firstJournal.outputJson(), journal.outputJson());
        assertEquals(List.of(), calc.executed());
        StepFailedException e = workflow.caught.get(0);
        assertEquals("Calc.failWith", e.stepName());
        assertEquals("java.lang.IllegalStateException", e.errorType());
        assertEquals("out of stock", e.errorMessage());
    }

    @Test
    void replayOfOnlyTheFailedStepExecutesOnlyTheCompensation() {
        LoadedRun first = TestRuns.newRun("wrun_comp", "[\"out of stock\"]");
        InMemoryJournal firstJournal = new InMemoryJournal(first);
        TestRuns.execute(first, firstJournal, new Compensates(new Calc()));
        LoadedRun again = TestRuns.redelivery(first, TestRuns.firstOps(firstJournal.events(), 1));
        InMemoryJournal journal = new InMemoryJournal(again);

        TestRuns.execute(again, journal, new Compensates(calc));

        assertEquals(List.of("add(100,1)"), calc.executed());
        assertEquals("\"compensated 101: out of stock\"", journal.outputJson());
    }

    @Test
    void unserializableStepResultIsJournaledAsFatalFailure() {
        LoadedRun run = TestRuns.newRun("wrun_result", "[]");
        InMemoryJournal journal = new InMemoryJournal(run);
        UnserializableStepResult workflow = new UnserializableStepResult(calc);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, workflow);

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        History.StepOp step = journal.steps().get(0);
        assertEquals(StepStatus.FAILED, step.status());
        assertEquals(FatalError.class.getName(), step.errorType());
        assertTrue(step.errorMessage().startsWith(
                "The result of step 'Calc.unserializableResult' cannot be serialized as JSON"), step.errorMessage());
        assertEquals(step.errorMessage(), workflow.caught.get(0).errorMessage());
    }

    @Test
    void stepWithRetriesLeftSuspendsTheRunUntilTheRetryIsDue() {
        LoadedRun run = TestRuns.newRun("wrun_retry", "[\"flaky\"]");
        InMemoryJournal journal = new InMemoryJournal(run);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, new RetriesFailingStep(calc));

        assertEquals(Replayer.Outcome.SUSPENDED, outcome);
        assertEquals(List.of(EventType.STEP_CREATED, EventType.STEP_STARTED, EventType.STEP_FAILED,
                EventType.STEP_RETRYING), TestRuns.types(journal.events()));
        History.StepOp step = journal.steps().get(0);
        assertEquals(StepStatus.PENDING, step.status());
        Event failed = journal.events().get(2);
        assertEquals(failed.createdAt().plus(Duration.ofSeconds(10)), step.retryAfter());
        assertEquals(step.retryAfter(), journal.wakeAt());
        assertFalse(journal.isTerminal());
    }

    @Test
    void fatalErrorIsNotRetried() {
        LoadedRun run = TestRuns.newRun("wrun_fatal", "[\"gone\"]");
        InMemoryJournal journal = new InMemoryJournal(run);
        CatchesFatal workflow = new CatchesFatal(calc);

        Replayer.Outcome outcome = TestRuns.execute(run, journal, workflow);

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals(List.of("failFatally(gone)"), calc.executed());
        assertEquals(StepStatus.FAILED, journal.steps().get(0).status());
        assertTrue(workflow.caught.get(0).fatal());
        assertEquals("gone", workflow.caught.get(0).errorMessage());
    }
}
