package dev.durable.workflow.engine;

import dev.durable.workflow.api.Step;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import java.lang.reflect.Method;

/**
 * Routes calls of {@link Step} methods made inside a workflow through the run's {@link RunContext};
 * outside a workflow, or from inside another step, the call goes straight through.
 */
@Step
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class StepInterceptor implements Serializable {
    private static final long serialVersionUID = 1L;

    @AroundInvoke
    public Object aroundStep(InvocationContext invocation) throws Exception {
        RunContext ctx = RunContext.currentOrNull();
        if (ctx == null || ctx.inStep()) {
            return invocation.proceed();
        }
        Method method = invocation.getMethod();
        return ctx.step(stepName(method), method.getGenericReturnType(), ctx.retriesFor(method), invocation.getParameters(),
                invocation::proceed);
    }

    private static final java.util.Map<Method, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The step's name: {@link Step#value()} or {@code SimpleClassName.method}. */
    public static String stepName(Method method) {
        return NAMES.computeIfAbsent(method, StepInterceptor::nameOf);
    }

    private static String nameOf(Method method) {
        Step step = method.getAnnotation(Step.class);
        if (step == null || step.value().isEmpty()) {
            step = method.getDeclaringClass().getAnnotation(Step.class);
            if (step != null && !step.value().isEmpty() && method.getAnnotation(Step.class) == null) {
                return step.value() + "." + method.getName();
            }
            return method.getDeclaringClass().getSimpleName() + "." + method.getName();
        }
        return step.value();
    }
}
