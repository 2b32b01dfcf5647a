package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.WorkflowService;
import jakarta.ejb.EJB;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine's MBean, {@code dev.durable.workflow:type=Engine}, as the server's JMX tools read it, inside
 * the real server: runs by status from the database, the backlog, deliveries in flight, and pausing and
 * resuming this server's execution (Liberty's pause of the message listener's endpoint).
 */
@ExtendWith(ArquillianExtension.class)
class EngineMBeanIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        return TestEar.withTestClasses(EngineMBeanIT.class);
    }

    @EJB
    WorkflowService workflows;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void theMBeanCountsRunsByStatusAndReportsTheBacklogAndDeliveries() throws Exception {
        Run<Integer> run = workflows.start("addTen", List.of(1));
        assertEquals(11, run.returnValue(WAIT));
        ObjectName engine = new ObjectName("dev.durable.workflow:type=Engine");

        TabularData byStatus = (TabularData) server.getAttribute(engine, "RunsByStatus");
        long completed = 0;
        for (Object row : byStatus.values()) {
            CompositeData entry = (CompositeData) row;
            if ("completed".equals(entry.get("key"))) {
                completed = (Long) entry.get("value");
            }
        }
        assertTrue(completed >= 1, "the completed run is counted: " + byStatus);
        assertTrue((Long) server.getAttribute(engine, "RunsDue") >= 0);
        assertTrue((Integer) server.getAttribute(engine, "DeliveriesInFlight") >= 0);
        assertEquals("workflow", server.getAttribute(engine, "Application"));
    }

    @Test
    void theRunQueuesDepthIsInTheMessagingEnginesMBeans() throws Exception {
        // what the README tells operators to look at: the embedded messaging engine's queue MBean
        java.util.Set<ObjectName> queues = server.queryNames(new ObjectName("WebSphere:feature=wasJmsServer,type=Queue,*"), null);
        ObjectName runQueue = queues.stream().filter(n -> "WorkflowRunQueue".equals(n.getKeyProperty("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no queue MBean for WorkflowRunQueue among " + queues));
        assertTrue(((Number) server.getAttribute(runQueue, "Depth")).longValue() >= 0);
    }

    @Test
    void pausingStopsExecutionHereUntilResumedAndStartingGoesOn() throws Exception {
        ObjectName engine = new ObjectName("dev.durable.workflow:type=Engine");
        assertFalse((Boolean) server.getAttribute(engine, "Paused"));
        server.invoke(engine, "pause", new Object[0], new String[0]);
        Run<Integer> run;
        try {
            assertTrue((Boolean) server.getAttribute(engine, "Paused"));
            run = workflows.start("addTen", List.of(2));
            Thread.sleep(3000);
            assertEquals(RunStatus.PENDING, run.status(), "no delivery while paused");
        } finally {
            server.invoke(engine, "resume", new Object[0], new String[0]);
        }
        assertFalse((Boolean) server.getAttribute(engine, "Paused"));
        assertEquals(12, run.returnValue(WAIT), "resumed, the run executes");
    }
}
