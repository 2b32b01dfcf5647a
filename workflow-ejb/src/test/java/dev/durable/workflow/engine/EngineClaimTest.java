package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineClaimTest {
    private final EngineClaim orders = new EngineClaim(() -> "orders");
    private final EngineClaim billing = new EngineClaim(() -> "billing");

    @AfterEach
    void releaseAll() {
        orders.release();
        billing.release();
    }

    @Test
    void aSecondApplicationIsToldWhichOneHasTheEngine() throws Exception {
        assertEquals(Optional.empty(), orders.claim(List.of("orderFulfilment")));
        assertEquals(Optional.of("orders"), billing.claim(List.of("invoice")));

        Object application = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName(EngineClaim.OBJECT_NAME), "Application");
        assertEquals("orders", application);
    }

    @Test
    void theEngineIsFreeOnceItsApplicationStops() throws Exception {
        assertEquals(Optional.empty(), orders.claim(List.of("orderFulfilment")));
        orders.release();
        assertEquals(Optional.empty(), billing.claim(List.of("invoice")));

        Object workflows = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName(EngineClaim.OBJECT_NAME), "Workflows");
        assertEquals(List.of("invoice"), List.of((String[]) workflows));
    }

    @Test
    void aRegistrationLeftByAnEarlierStartOfTheSameApplicationIsReplaced() {
        EngineClaim earlier = new EngineClaim(() -> "orders");
        assertEquals(Optional.empty(), earlier.claim(List.of("old")));
        // the earlier start never released it (its deployment failed later on)
        assertEquals(Optional.empty(), orders.claim(List.of("orderFulfilment")));
        assertEquals(Optional.of("orders"), billing.claim(List.of("invoice")));
    }
}
