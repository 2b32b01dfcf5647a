package dev.durable.workflow.engine;

import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Workflow classes for the engine tests; each takes its steps in its constructor. */
final class TestWorkflows {
    private TestWorkflows() {
    }

    /** Adds 2, 3 and 5 in three steps. */
    @Workflow
    public static class AddTen {
        private final Calc calc;

        AddTen(Calc calc) {
            this.calc = calc;
        }

        public int run(int start) {
            int x = calc.add(start, 2);
            x = calc.add(x, 3);
            return calc.add(x, 5);
        }
    }

    /** AddTen changed so that its first step is another one. */
    @Workflow
    public static class MultiplyFirst {
        private final Calc calc;

        MultiplyFirst(Calc calc) {
            this.calc = calc;
        }

        public int run(int start) {
            int x = calc.multiply(start, 2);
            x = calc.add(x, 3);
            return calc.add(x, 5);
        }
    }

    /** AddTen changed so that it stops after two steps. */
    @Workflow
    public static class AddFive {
        private final Calc calc;

        AddFive(Calc calc) {
            this.calc = calc;
        }

        public int run(int start) {
            int x = calc.add(start, 2);
            return calc.add(x, 3);
        }
    }

    /** Calls no step. */
    @Workflow
    public static class Doubler {
        public int run(int start) {
            return start * 2;
        }
    }

    /** Adds 1, then calls a step that throws and does not catch it. */
    @Workflow
    public static class FailsUncaught {
        private final Calc calc;

        FailsUncaught(Calc calc) {
            this.calc = calc;
        }

        public int run(String message) {
            calc.add(0, 1);
            return calc.failWith(message);
        }
    }

    /** Calls a step that throws and may be retried. */
    @Workflow
    public static class RetriesFailingStep {
        private final Calc calc;

        RetriesFailingStep(Calc calc) {
            this.calc = calc;
        }

        public int run(String message) {
            return calc.failWithRetries(message);
        }
    }

    /** Calls a step that throws FatalError, catching the failure. */
    @Workflow
    public static class CatchesFatal {
        private final Calc calc;
        final List<StepFailedException> caught = new ArrayList<>();

        CatchesFatal(Calc calc) {
            this.calc = calc;
        }

        public int run(String message) {
            try {
                return calc.failFatally(message);
            } catch (StepFailedException e) {
                caught.add(e);
                return -1;
            }
        }
    }

    /** Calls a step that throws, catches the failure and compensates with another step. */
    @Workflow
    public static class Compensates {
        private final Calc calc;
        final List<StepFailedException> caught = new ArrayList<>();

        Compensates(Calc calc) {
            this.calc = calc;
        }

        public String run(String message) {
            try {
                calc.failWith(message);
                return "not reached";
            } catch (StepFailedException e) {
                caught.add(e);
                int refund = calc.add(100, 1);
                return "compensated " + refund + ": " + e.errorMessage();
            }
        }
    }

    /** Calls a step whose result cannot be serialized, catching the failure. */
    @Workflow
    public static class UnserializableStepResult {
        private final Calc calc;
        final List<StepFailedException> caught = new ArrayList<>();

        UnserializableStepResult(Calc calc) {
            this.calc = calc;
        }

        public String run() {
            try {
                calc.unserializableResult();
                return "not reached";
            } catch (StepFailedException e) {
                caught.add(e);
                return "caught";
            }
        }
    }

    /** Catches every Exception around its steps, as careless workflow code might. */
    @Workflow
    public static class SwallowsExceptions {
        private final Calc calc;

        SwallowsExceptions(Calc calc) {
            this.calc = calc;
        }

        public int run(int start) {
            try {
                int x = calc.add(start, 2);
                x = calc.add(x, 3);
                return calc.add(x, 5);
            } catch (Exception e) {
                return -1;
            }
        }
    }

    /** Throws from the workflow method itself. */
    @Workflow
    public static class Throws {
        public int run(String message) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Returns a value that cannot be serialized as JSON. */
    @Workflow
    public static class ReturnsUnserializable {
        public Object run() {
            return new Thread();
        }
    }

    /** Takes two parameters. */
    @Workflow
    public static class TwoParams {
        public String run(int count, String label) {
            return label + count;
        }
    }

    /** Records the workflow clock before, between and after two steps. */
    @Workflow
    public static class ClockWatcher {
        private final Calc calc;
        final List<Instant> seen = new ArrayList<>();

        ClockWatcher(Calc calc) {
            this.calc = calc;
        }

        public int run() {
            seen.add(Workflows.now());
            int x = calc.add(1, 1);
            seen.add(Workflows.now());
            x = calc.add(x, 1);
            seen.add(Workflows.now());
            return x;
        }
    }

    /** Records random values, run id and inWorkflow() before and after a step. */
    @Workflow
    public static class RandomWatcher {
        private final Calc calc;
        final List<Object> seen = new ArrayList<>();
        String runId;
        boolean inWorkflow;

        RandomWatcher(Calc calc) {
            this.calc = calc;
        }

        public int run() {
            runId = Workflows.runId();
            inWorkflow = Workflows.inWorkflow();
            seen.add(Workflows.random());
            seen.add(Workflows.randomLong());
            seen.add(Workflows.randomUUID());
            int x = calc.add(1, 2);
            seen.add(Workflows.random());
            seen.add(Workflows.randomUUID());
            return x;
        }
    }
}
