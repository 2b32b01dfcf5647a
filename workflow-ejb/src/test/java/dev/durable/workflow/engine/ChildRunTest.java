package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ChildRun;
import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Workflows.start} records starting a child run as a step; {@code result()} suspends the parent
 * until the child has ended, then records its outcome as another step.
 */
class ChildRunTest {
    private static final String PARENT_RUN_ID = "wrun_parent";

    /** Starts addTen(5) and returns its result plus one; catches the child's failure. */
    @Workflow
    public static class Parent {
        final List<StepFailedException> caught = new ArrayList<>();

        public int run() {
            ChildRun<Integer> child = Workflows.start("addTen", List.of(5));
            try {
                return child.result() + 1;
            } catch (StepFailedException e) {
                caught.add(e);
                return -1;
            }
        }
    }

    private final LoadedRun first = TestRuns.newRun(PARENT_RUN_ID, "[]");
    private final FakeChildRuns children = new FakeChildRuns();

    /** The parent's first delivery, the child not having ended. */
    private InMemoryJournal firstDelivery() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Deliveries.execute(first, journal, new Parent(), TestRuns.clock(), children);
        return journal;
    }

    /** A later delivery of the parent, with the child's ending as given. */
    private InMemoryJournal laterDelivery(List<Event> saved, FakeChildRuns laterChildren, Parent workflow) {
        LoadedRun again = TestRuns.redelivery(first, saved);
        InMemoryJournal journal = new InMemoryJournal(again);
        Deliveries.execute(again, journal, workflow, TestRuns.clock(), laterChildren);
        return journal;
    }

    private static FakeChildRuns childThatEnded(ChildRuns.Ending ending) {
        FakeChildRuns c = new FakeChildRuns();
        c.ending = ending;
        return c;
    }

    @Test
    void startIsRecordedAsAStepWhoseOutputIsTheChildRunId() {
        History.StepOp start = firstDelivery().steps().get(0);

        assertEquals("start(addTen)", start.name());
        assertEquals("[5]", start.inputJson());
        assertEquals(StepStatus.COMPLETED, start.status());
        assertEquals("\"" + FakeChildRuns.CHILD_RUN_ID + "\"", start.outputJson());
    }

    @Test
    void startUsesParentRunIdSlashStepIdAsIdempotencyKey() {
        InMemoryJournal journal = firstDelivery();

        assertEquals(List.of(new FakeChildRuns.StartCall(PARENT_RUN_ID, "addTen", List.of(5),
                PARENT_RUN_ID + "/" + journal.steps().get(0).id())), children.starts);
    }

    @Test
    void resultWhileTheChildRunsSuspendsWithoutWakeTimeOrWrites() {
        InMemoryJournal journal = new InMemoryJournal(first);

        Replayer.Result result = Deliveries.execute(first, journal, new Parent(), TestRuns.clock(), children);

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        assertNull(result.wakeAt());
        assertTrue(journal.isSuspended());
        assertEquals(1, journal.steps().size());
        assertEquals(TestRuns.EVENTS_PER_STEP, journal.events().size());
        assertEquals(List.of(FakeChildRuns.CHILD_RUN_ID), children.endingsAsked);
    }

    @Test
    void resultAfterTheChildCompletedRecordsAnAwaitStepAndReturnsTheChildOutput() {
        FakeChildRuns later = childThatEnded(new ChildRuns.Ending(RunStatus.COMPLETED, "15", null, null));

        InMemoryJournal journal = laterDelivery(firstDelivery().events(), later, new Parent());

        assertTrue(journal.isCompleted());
        assertEquals("16", journal.outputJson());
        History.StepOp await = journal.steps().get(1);
        assertEquals("await(addTen)", await.name());
        assertEquals("[\"" + FakeChildRuns.CHILD_RUN_ID + "\"]", await.inputJson());
        assertEquals("15", await.outputJson());
        assertEquals(List.of(), later.starts);
    }

    @Test
    void failedChildIsAStepFailedExceptionCarryingItsErrorCode() {
        FakeChildRuns later = childThatEnded(new ChildRuns.Ending(RunStatus.FAILED, null, ErrorCode.USER_ERROR, "boom"));
        Parent workflow = new Parent();

        InMemoryJournal journal = laterDelivery(firstDelivery().events(), later, workflow);

        assertEquals("-1", journal.outputJson());
        StepFailedException e = workflow.caught.get(0);
        assertEquals("await(addTen)", e.stepName());
        assertTrue(e.getMessage().contains("USER_ERROR"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertEquals(StepStatus.FAILED, journal.steps().get(1).status());
    }

    @Test
    void replayOfBothStepsNeitherStartsTheChildNorAsksHowItEnded() {
        FakeChildRuns second = childThatEnded(new ChildRuns.Ending(RunStatus.COMPLETED, "15", null, null));
        List<Event> fullLog = laterDelivery(firstDelivery().events(), second, new Parent()).events();
        FakeChildRuns third = new FakeChildRuns();

        InMemoryJournal journal = laterDelivery(fullLog, third, new Parent());

        assertEquals("16", journal.outputJson());
        assertEquals(List.of(), third.starts);
        assertEquals(List.of(), third.endingsAsked);
        assertEquals(List.of(), journal.acceptedAppendExpectedCounts());
    }
}
