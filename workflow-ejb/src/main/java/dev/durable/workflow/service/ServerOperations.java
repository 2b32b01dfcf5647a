package dev.durable.workflow.service;

import dev.durable.workflow.engine.EngineOperations;
import dev.durable.workflow.store.RunStore;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The engine's MBean operations on this server. Counting runs reads the database on one of the server's
 * managed threads (a JMX client's thread is not the application's); pausing is Liberty's own pause of the
 * message listener's endpoint, through the kernel's {@code ServerEndpointControl} MBean, the same as
 * {@code server pause --target=<app>#<module>#RunMessageListener}.
 */
final class ServerOperations implements EngineOperations {
    private static final Logger LOG = Logger.getLogger(ServerOperations.class.getName());
    private static final String ENDPOINT_CONTROL = "WebSphere:feature=kernel,name=ServerEndpointControl";

    private final RunStore store;
    private final ManagedExecutorService executor;
    private final String listener;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /**
     * @param listener the message listener's endpoint name, {@code application#module#RunMessageListener}
     */
    ServerOperations(RunStore store, ManagedExecutorService executor, String listener) {
        this.store = store;
        this.executor = executor;
        this.listener = listener;
    }

    @Override
    public Map<String, Long> runsByStatus() {
        try {
            return executor.submit(store::countByStatus).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while counting runs");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not count runs: " + HealthChecks.describe(e.getCause() != null ? e.getCause() : e));
        }
    }

    @Override
    public long runsDue() {
        return Housekeeping.backlog()[1];
    }

    @Override
    public int deliveriesInFlight() {
        return EngineStats.IN_FLIGHT.get();
    }

    @Override
    public boolean paused() {
        return (Boolean) endpointControl("isPaused");
    }

    @Override
    public void pause() {
        endpointControl("pause");
        LOG.info(() -> "Execution paused on this server: " + listener + " takes no messages until resumed");
    }

    @Override
    public void resume() {
        endpointControl("resume");
        LOG.info(() -> "Execution resumed on this server: " + listener);
    }

    private Object endpointControl(String operation) {
        try {
            return server.invoke(new ObjectName(ENDPOINT_CONTROL), operation, new Object[] {listener},
                    new String[] {String.class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("Cannot " + operation + " " + listener + ": " + e.getMessage());
        }
    }
}
