package dev.durable.workflow.engine;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * What the CDI {@link StepInterceptor} does for a {@code @Step} method, for step classes written by hand
 * in tests: inside a workflow (and not inside another step) the call goes through
 * {@link RunContext#step}; otherwise the body is called directly.
 */
final class StepCalls {
    /** The policy of {@code @Step(maxRetries = 0)}: a step that throws fails at once. */
    static final Retries NO_RETRIES = new Retries(0, Duration.ZERO, 1.0, Duration.ZERO);

    private StepCalls() {
    }

    /** A step call with no retries. */
    static <T> T step(String name, Type returnType, Object[] args, Callable<T> body) {
        return step(name, returnType, NO_RETRIES, args, body);
    }

    @SuppressWarnings("unchecked")
    static <T> T step(String name, Type returnType, Retries retries, Object[] args, Callable<T> body) {
        RunContext ctx = RunContext.currentOrNull();
        if (ctx == null || ctx.inStep()) {
            try {
                return body.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return (T) ctx.step(name, returnType, retries, args, body::call);
    }
}
