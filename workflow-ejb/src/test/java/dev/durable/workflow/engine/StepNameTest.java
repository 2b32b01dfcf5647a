package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.durable.workflow.api.Step;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The name a step is logged under: {@link StepInterceptor#stepName}. */
class StepNameTest {

    public static class MethodSteps {
        @Step
        public void plain() {
        }

        @Step("charge-card")
        public void named() {
        }
    }

    @Step
    public static class ClassSteps {
        public void plain() {
        }
    }

    @Step("payments")
    public static class PrefixedSteps {
        public void charge() {
        }

        @Step("refund-v2")
        public void refund() {
        }
    }

    @Test
    void defaultNameIsSimpleClassNameDotMethod() throws Exception {
        assertEquals("MethodSteps.plain", StepInterceptor.stepName(method(MethodSteps.class, "plain")));
    }

    @Test
    void methodAnnotationValueIsTheWholeName() throws Exception {
        assertEquals("charge-card", StepInterceptor.stepName(method(MethodSteps.class, "named")));
    }

    @Test
    void classAnnotationWithoutValueGivesTheDefaultName() throws Exception {
        assertEquals("ClassSteps.plain", StepInterceptor.stepName(method(ClassSteps.class, "plain")));
    }

    @Test
    void classAnnotationValueReplacesTheClassName() throws Exception {
        assertEquals("payments.charge", StepInterceptor.stepName(method(PrefixedSteps.class, "charge")));
    }

    @Test
    void methodAnnotationValueWinsOverTheClassValue() throws Exception {
        assertEquals("refund-v2", StepInterceptor.stepName(method(PrefixedSteps.class, "refund")));
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getMethod(name);
    }
}
