package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.durable.workflow.api.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step called with an argument that cannot be written as JSON throws at the call site, runs no body and
 * takes no position in the log, on the first delivery and on every replay alike.
 */
class UnencodableStepArgumentTest {

    /** A step taking any object. */
    static final class Describer {
        final List<Object> executed = new ArrayList<>();

        String describe(Object value) {
            return StepCalls.step("Describer.describe", String.class, new Object[] {value}, () -> {
                executed.add(value);
                return String.valueOf(value);
            });
        }
    }

    /** Passes a Thread to a step, catches the failure, then adds 1 and 2. */
    @Workflow
    public static class PassesAThread {
        private final Describer describer;
        private final Calc calc;
        final List<RuntimeException> caught = new ArrayList<>();

        PassesAThread(Describer describer, Calc calc) {
            this.describer = describer;
            this.calc = calc;
        }

        public int run() {
            try {
                describer.describe(new Thread());
            } catch (RuntimeException e) {
                caught.add(e);
            }
            return calc.add(1, 2);
        }
    }

    private final LoadedRun first = TestRuns.newRun("wrun_badarg", "[]");

    @Test
    void unencodableArgumentThrowsAtTheCallSiteWithoutRunningTheBody() {
        Describer describer = new Describer();
        PassesAThread workflow = new PassesAThread(describer, new Calc());

        Replayer.Outcome outcome = TestRuns.execute(first, new InMemoryJournal(first), workflow);

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals(1, workflow.caught.size());
        assertNotNull(workflow.caught.get(0));
        assertEquals(List.of(), describer.executed);
    }

    @Test
    void failedCallTakesNoPositionInTheLog() {
        InMemoryJournal journal = new InMemoryJournal(first);

        TestRuns.execute(first, journal, new PassesAThread(new Describer(), new Calc()));

        assertEquals(List.of("Calc.add"), journal.steps().stream().map(History.StepOp::name).toList());
    }

    @Test
    void replayTakesTheSamePathAndRunsNoBody() {
        InMemoryJournal journal = new InMemoryJournal(first);
        TestRuns.execute(first, journal, new PassesAThread(new Describer(), new Calc()));
        LoadedRun again = TestRuns.redelivery(first, journal.events());
        Describer describer = new Describer();
        Calc calc = new Calc();
        PassesAThread workflow = new PassesAThread(describer, calc);

        Replayer.Outcome outcome = TestRuns.execute(again, new InMemoryJournal(again), workflow);

        assertEquals(Replayer.Outcome.COMPLETED, outcome);
        assertEquals(1, workflow.caught.size(), "the bad call throws on replay too");
        assertEquals(List.of(), describer.executed);
        assertEquals(0, calc.executions(), "the logged step is not run again");
    }
}
