package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Workflows.random()} inside a step body is an ordinary random number: it does not draw from the
 * run's seeded sequence, which the workflow must see the same on replay (where the body does not run).
 */
class RandomInsideStepTest {

    /** A step that draws random numbers, or none. */
    static final class Dice {
        private final int draws;

        Dice(int draws) {
            this.draws = draws;
        }

        double roll() {
            return StepCalls.step("Dice.roll", double.class, new Object[0], () -> {
                double sum = 0;
                for (int i = 0; i < draws; i++) {
                    sum += Workflows.random();
                }
                return sum;
            });
        }
    }

    /** Draws random values before and after a step. */
    @Workflow
    public static class DrawsAroundAStep {
        private final Dice dice;
        final List<Object> seen = new ArrayList<>();

        DrawsAroundAStep(Dice dice) {
            this.dice = dice;
        }

        public double run() {
            seen.add(Workflows.random());
            double rolled = dice.roll();
            seen.add(Workflows.random());
            seen.add(Workflows.randomLong());
            seen.add(Workflows.randomUUID());
            return rolled;
        }
    }

    private final LoadedRun first = TestRuns.newRun("wrun_dice", "[]");

    @Test
    void workflowValuesAfterAStepThatDrawsAreTheSameOnReplay() {
        InMemoryJournal journal = new InMemoryJournal(first);
        DrawsAroundAStep firstTime = new DrawsAroundAStep(new Dice(3));
        TestRuns.execute(first, journal, firstTime);
        LoadedRun again = TestRuns.redelivery(first, journal.events());
        DrawsAroundAStep replayed = new DrawsAroundAStep(new Dice(3));

        TestRuns.execute(again, new InMemoryJournal(again), replayed);

        assertEquals(firstTime.seen, replayed.seen);
    }

    @Test
    void stepThatDrawsLeavesTheWorkflowSequenceAsIfItDrewNothing() {
        DrawsAroundAStep drawing = new DrawsAroundAStep(new Dice(3));
        DrawsAroundAStep notDrawing = new DrawsAroundAStep(new Dice(0));

        TestRuns.execute(first, new InMemoryJournal(first), drawing);
        TestRuns.execute(first, new InMemoryJournal(first), notDrawing);

        assertEquals(notDrawing.seen, drawing.seen);
    }
}
