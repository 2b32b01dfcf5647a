package dev.durable.workflow.engine;

import java.util.List;
import java.util.Map;

/**
 * The engine as the server's JMX tools (Admin Center's Explore tool, JConsole) see it, registered as
 * {@code dev.durable.workflow:type=Engine}: its application and workflows, runs by status, the backlog,
 * deliveries executing here, and operations to pause and resume execution on this server. One server runs
 * one engine: the registration is also how a second application with the engine finds the first.
 */
public interface EngineMXBean {

    /** The application the engine runs in. */
    String getApplication();

    /** The names of the workflows the application registered. */
    List<String> getWorkflows();

    /** Runs in the database by status, counted when read. */
    Map<String, Long> getRunsByStatus();

    /** Runs due that no delivery holds, as of the last recovery round. */
    long getRunsDue();

    /** Deliveries executing on this server now. */
    int getDeliveriesInFlight();

    /** Whether execution on this server is paused. */
    boolean isPaused();

    /**
     * Pauses execution on this server: its message listener takes no more messages (Liberty's
     * {@code server pause} of the endpoint), deliveries under way finish, runs wait in the queue or run on
     * other servers. Starting runs goes on.
     */
    void pause();

    /** Resumes execution on this server. */
    void resume();
}
