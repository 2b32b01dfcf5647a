package dev.durable.workflow.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.InvalidArgumentsException;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.engine.WorkflowDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A number is accepted for a numeric parameter only if it reads back as the same number. */
class NumericArgumentsTest {

    @Workflow
    public static class TakesInt {
        public void run(int count) {
        }
    }

    @Workflow
    public static class TakesDouble {
        public void run(double ratio) {
        }
    }

    private static final WorkflowDefinition INT = WorkflowDefinition.of(TakesInt.class);
    private static final WorkflowDefinition DOUBLE = WorkflowDefinition.of(TakesDouble.class);

    private static String encode(WorkflowDefinition d, Object arg) {
        return JsonCodec.encodeArguments(List.of(arg), d.parameterTypes(), d.parameterNames());
    }

    @Test
    void decimalForAnIntIsRefused() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> encode(INT, 2.5));

        assertEquals(0, e.argumentIndex());
        assertTrue(e.getMessage().startsWith("Argument 0 (count)"), e.getMessage());
    }

    @Test
    void numberTooLargeForAnIntIsRefused() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> encode(INT, 3_000_000_000L));

        assertEquals(0, e.argumentIndex());
        assertTrue(e.getMessage().startsWith("Argument 0 (count)"), e.getMessage());
    }

    @Test
    void wholeNumberForAnIntIsAccepted() {
        assertEquals("[2]", encode(INT, 2));
    }

    @Test
    void decimalForADoubleIsAccepted() {
        assertEquals("[2.5]", encode(DOUBLE, 2.5));
    }
}
