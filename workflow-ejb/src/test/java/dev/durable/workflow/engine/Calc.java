package dev.durable.workflow.engine;

import dev.durable.workflow.api.FatalError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Step methods for test workflows; records each execution of a step body. */
public class Calc {
    static final Retries TWO_RETRIES = new Retries(2, Duration.ofSeconds(10), 1.0, Duration.ofHours(1));

    private final List<String> executed = new ArrayList<>();

    public int add(int a, int b) {
        return StepCalls.step("Calc.add", int.class, new Object[] {a, b}, () -> {
            executed.add("add(" + a + "," + b + ")");
            return a + b;
        });
    }

    public int multiply(int a, int b) {
        return StepCalls.step("Calc.multiply", int.class, new Object[] {a, b}, () -> {
            executed.add("multiply(" + a + "," + b + ")");
            return a * b;
        });
    }

    /** A step that always throws {@code IllegalStateException(message)}. */
    public int failWith(String message) {
        return StepCalls.step("Calc.failWith", int.class, new Object[] {message}, () -> {
            executed.add("failWith(" + message + ")");
            throw new IllegalStateException(message);
        });
    }

    /** A step that always throws {@code IllegalStateException(message)}, retried twice 10 s apart. */
    public int failWithRetries(String message) {
        return StepCalls.step("Calc.failWithRetries", int.class, TWO_RETRIES, new Object[] {message}, () -> {
            executed.add("failWithRetries(" + message + ")");
            throw new IllegalStateException(message);
        });
    }

    /** A step that throws {@code FatalError(message)} although it may be retried. */
    public int failFatally(String message) {
        return StepCalls.step("Calc.failFatally", int.class, TWO_RETRIES, new Object[] {message}, () -> {
            executed.add("failFatally(" + message + ")");
            throw new FatalError(message);
        });
    }

    /** A step whose result cannot be written as JSON. */
    public Object unserializableResult() {
        return StepCalls.step("Calc.unserializableResult", Object.class, new Object[0], () -> {
            executed.add("unserializableResult()");
            return new Thread();
        });
    }

    /** The step bodies executed so far, e.g. {@code add(5,2)}. */
    List<String> executed() {
        return List.copyOf(executed);
    }

    int executions() {
        return executed.size();
    }
}
