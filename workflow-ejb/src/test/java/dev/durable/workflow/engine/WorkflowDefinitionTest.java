package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.WorkflowMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a workflow class: its name and its one workflow method. */
class WorkflowDefinitionTest {

    @Workflow("payments")
    public static class Named {
        public String run(String id) {
            return id;
        }
    }

    @Workflow
    public static class OrderFulfillment {
        public void run() {
        }
    }

    @Workflow
    public static class SeveralMethods {
        public String describe() {
            return "";
        }

        @WorkflowMethod
        public long fulfil(String orderId, int quantity, List<String> skus) {
            return 0;
        }

        public void helper() {
        }
    }

    @Workflow
    public static class TwoPublicMethods {
        public void first() {
        }

        public void second() {
        }
    }

    @Workflow
    public static class TwoWorkflowMethods {
        @WorkflowMethod
        public void first() {
        }

        @WorkflowMethod
        public void second() {
        }
    }

    @Workflow
    public static class NoPublicMethod {
        void hidden() {
        }
    }

    @Workflow
    public static class WithStaticHelperAndPrivateMethod {
        public static int helper() {
            return 1;
        }

        public int run(int x) {
            return twice(x);
        }

        private int twice(int x) {
            return 2 * x;
        }
    }

    @Workflow
    public static class PackagePrivateWorkflowMethod {
        public void notIt() {
        }

        @WorkflowMethod
        int it() {
            return 1;
        }
    }

    public static class NotAWorkflow {
        public void run() {
        }
    }

    @Test
    void nameComesFromTheAnnotation() {
        assertEquals("payments", WorkflowDefinition.of(Named.class).name());
    }

    @Test
    void defaultNameIsTheDecapitalizedSimpleName() {
        assertEquals("orderFulfillment", WorkflowDefinition.of(OrderFulfillment.class).name());
    }

    @Test
    void onlyPublicMethodIsTheWorkflowMethod() {
        WorkflowDefinition d = WorkflowDefinition.of(Named.class);

        assertEquals("run", d.method().getName());
        assertEquals(Named.class, d.workflowClass());
        assertEquals(String.class, d.returnType());
    }

    @Test
    void workflowMethodAnnotationPicksAmongSeveralPublicMethods() {
        WorkflowDefinition d = WorkflowDefinition.of(SeveralMethods.class);

        assertEquals("fulfil", d.method().getName());
        assertEquals(long.class, d.returnType());
    }

    @Test
    void parameterNamesAndTypesComeFromTheWorkflowMethod() {
        WorkflowDefinition d = WorkflowDefinition.of(SeveralMethods.class);

        assertArrayEquals(new String[] {"orderId", "quantity", "skus"}, d.parameterNames());
        assertEquals(List.of("java.lang.String", "int", "java.util.List<java.lang.String>"), d.parameterTypeNames());
    }

    @Test
    void twoPublicMethodsWithoutWorkflowMethodAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkflowDefinition.of(TwoPublicMethods.class));

        assertTrue(e.getMessage().contains(TwoPublicMethods.class.getName()), e.getMessage());
        assertTrue(e.getMessage().endsWith("found 2"), e.getMessage());
    }

    @Test
    void twoWorkflowMethodAnnotationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkflowDefinition.of(TwoWorkflowMethods.class));
    }

    @Test
    void classWithoutPublicMethodIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkflowDefinition.of(NoPublicMethod.class));

        assertTrue(e.getMessage().endsWith("found 0"), e.getMessage());
    }

    @Test
    void staticAndPrivateMethodsAreNotCandidates() {
        assertEquals("run", WorkflowDefinition.of(WithStaticHelperAndPrivateMethod.class).method().getName());
    }

    @Test
    void workflowMethodAnnotationMayMarkANonPublicMethod() {
        assertEquals("it", WorkflowDefinition.of(PackagePrivateWorkflowMethod.class).method().getName());
    }

    @Test
    void classWithoutWorkflowAnnotationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkflowDefinition.of(NotAWorkflow.class));

        assertTrue(e.getMessage().contains("is not annotated @Workflow"), e.getMessage());
    }

    @Workflow
    public static class NeedsAnArgument {
        public NeedsAnArgument(String id) {
        }

        public void run() {
        }
    }

    @Workflow
    public abstract static class Abstract {
        public abstract void run();
    }

    @Workflow
    public class Inner {
        public void run() {
        }
    }

    @Test
    void whyCdiMakesNoBeanOfAWorkflowNamesTheClassAndTheFix() {
        String noConstructor = WorkflowDefinition.notABean(NeedsAnArgument.class);

        assertTrue(noConstructor.startsWith("Workflow " + NeedsAnArgument.class.getName() + " cannot be used"), noConstructor);
        assertTrue(noConstructor.contains("no constructor CDI can call"), noConstructor);
        assertTrue(WorkflowDefinition.notABean(Abstract.class).contains("it is abstract"));
        assertTrue(WorkflowDefinition.notABean(Inner.class).contains("inner class"));
    }
}
