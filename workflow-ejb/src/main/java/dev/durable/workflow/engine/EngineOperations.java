package dev.durable.workflow.engine;

import java.util.Map;

/**
 * What {@link EngineMXBean} reports and does beyond the engine's identity: runs by status, the backlog,
 * this server's deliveries, and pausing them. The service layer installs it once the engine has started;
 * until then the MBean reports nothing and cannot pause.
 */
public interface EngineOperations {

    /** Runs in the database by status ({@code pending}, {@code running}...). */
    Map<String, Long> runsByStatus();

    /** Runs due that no delivery holds, as of the last recovery round. */
    long runsDue();

    /** Deliveries executing on this server now. */
    int deliveriesInFlight();

    /** Whether this server's message listener is paused. */
    boolean paused();

    /** Pauses this server's message listener: no new deliveries start here; runs wait in the queue. */
    void pause();

    /** Resumes this server's message listener. */
    void resume();

    /** Makes {@code operations} what the engine's MBean reports and does. */
    static void install(EngineOperations operations) {
        EngineClaim.operations(operations);
    }
}
