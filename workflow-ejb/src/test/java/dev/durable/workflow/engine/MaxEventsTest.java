package dev.durable.workflow.engine;

import static dev.durable.workflow.engine.TestRuns.EVENTS_PER_STEP;
import static dev.durable.workflow.engine.TestRuns.INITIAL_EVENT_COUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.Workflow;
import org.junit.jupiter.api.Test;

/** A run whose log would grow past the environment's maxEvents fails with MAX_EVENTS_EXCEEDED. */
class MaxEventsTest {
    /** run_created, five steps of three events, and the run's final event. */
    private static final int LOG_OF_FIVE_STEPS = INITIAL_EVENT_COUNT + 5 * EVENTS_PER_STEP + 1;

    /** Five steps in a row. */
    @Workflow
    public static class FiveSteps {
        private final Calc calc;

        FiveSteps(Calc calc) {
            this.calc = calc;
        }

        public int run() {
            int x = 0;
            for (int i = 0; i < 5; i++) {
                x = calc.add(x, 1);
            }
            return x;
        }
    }

    private final LoadedRun run = TestRuns.newRun("wrun_ceiling", "[]");
    private final InMemoryJournal journal = new InMemoryJournal(run);

    private Replayer.Result execute(int maxEvents) {
        return Deliveries.execute(run, journal, new FiveSteps(new Calc()), TestRuns.clock(), maxEvents);
    }

    @Test
    void runPastTheCeilingFailsWithMaxEventsExceeded() {
        Replayer.Result result = execute(10);

        assertEquals(Replayer.Outcome.FAILED, result.outcome());
        assertEquals(ErrorCode.MAX_EVENTS_EXCEEDED, journal.failureCode());
        assertTrue(journal.failureMessage().contains("10"), journal.failureMessage());
    }

    @Test
    void logNeverExceedsTheCeilingRunFailedIncluded() {
        execute(10);

        int logLength = journal.terminalExpectedCount() + 1;
        assertTrue(logLength <= 10, "log of " + logLength + " events");
        assertEquals(INITIAL_EVENT_COUNT + journal.events().size(), journal.terminalExpectedCount());
        assertEquals(2, journal.steps().size());
    }

    @Test
    void runThatExactlyFillsTheCeilingCompletes() {
        Replayer.Result result = execute(LOG_OF_FIVE_STEPS);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals("5", journal.outputJson());
        assertEquals(LOG_OF_FIVE_STEPS, journal.terminalExpectedCount() + 1);
    }

    @Test
    void oneEventLessFailsAtTheLastStep() {
        Replayer.Result result = execute(LOG_OF_FIVE_STEPS - 1);

        assertEquals(Replayer.Outcome.FAILED, result.outcome());
        assertEquals(ErrorCode.MAX_EVENTS_EXCEEDED, journal.failureCode());
        assertEquals(4, journal.steps().size());
    }
}
