package dev.durable.workflow.engine;

import java.util.List;

/**
 * The engine as the server's JMX tools (Admin Center, JConsole) see it, registered as
 * {@code dev.durable.workflow:type=Engine}. One server runs one engine: the registration is also how a
 * second application with the engine finds the first.
 */
public interface EngineMXBean {

    /** The application the engine runs in. */
    String getApplication();

    /** The names of the workflows the application registered. */
    List<String> getWorkflows();
}
