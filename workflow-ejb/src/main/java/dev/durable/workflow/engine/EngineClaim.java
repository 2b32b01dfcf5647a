package dev.durable.workflow.engine;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Claims the server's one engine for this application by registering {@link EngineMXBean}. The run
 * queue, its activation specification and the tables belong to the server, not to an application: a
 * second application with an engine of its own would take the first one's runs without knowing their
 * workflows, so it is refused at deployment.
 */
final class EngineClaim {
    static final String OBJECT_NAME = "dev.durable.workflow:type=Engine";
    /** Installed by the service layer once the engine has started. */
    private static volatile EngineOperations operations;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName name;
    private final Supplier<String> applicationName;
    private String application = "unknown";
    private boolean held;

    EngineClaim() {
        this(EngineClaim::lookUpApplicationName);
    }

    /** For tests: the application's name from elsewhere than JNDI. */
    EngineClaim(Supplier<String> applicationName) {
        this.applicationName = applicationName;
        try {
            name = new ObjectName(OBJECT_NAME);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers the engine for this application; returns the other application's name if one already
     * has it. A registration left by an earlier start of this same application is replaced.
     */
    Optional<String> claim(List<String> workflows) {
        application = applicationName.get();
        StandardMBean engine = engine(application, List.copyOf(workflows));
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                server.registerMBean(engine, name);
                held = true;
                return Optional.empty();
            } catch (InstanceAlreadyExistsException e) {
                String owner = owner();
                if (owner != null && !owner.equals(application)) {
                    return Optional.of(owner);
                }
                unregister();
            } catch (JMException e) {
                throw new IllegalStateException("Cannot register " + OBJECT_NAME + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** Gives the engine up, when the application stops. */
    void release() {
        if (held) {
            held = false;
            unregister();
        }
    }

    String application() {
        return application;
    }

    /** What the MBean reports and does, from now on (see {@link EngineOperations}). */
    static void operations(EngineOperations installed) {
        operations = installed;
    }

    private static EngineOperations operations() {
        EngineOperations installed = operations;
        if (installed == null) {
            throw new IllegalStateException("The engine has not started yet");
        }
        return installed;
    }

    private String owner() {
        try {
            return (String) server.getAttribute(name, "Application");
        } catch (InstanceNotFoundException e) {
            return null;
        } catch (JMException e) {
            return "an unknown application";
        }
    }

    private void unregister() {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            throw new IllegalStateException("Cannot unregister " + OBJECT_NAME + ": " + e.getMessage(), e);
        }
    }

    private static String lookUpApplicationName() {
        try {
            return (String) new InitialContext().lookup("java:app/AppName");
        } catch (NamingException | ClassCastException e) {
            return "unknown";
        }
    }

    /** An MXBean: plain values only, so JMX clients need none of the engine's classes. */
    private static StandardMBean engine(String application, List<String> workflows) {
        EngineMXBean engine = new EngineMXBean() {
            @Override
            public String getApplication() {
                return application;
            }

            @Override
            public List<String> getWorkflows() {
                return workflows;
            }

            @Override
            public java.util.Map<String, Long> getRunsByStatus() {
                return operations().runsByStatus();
            }

            @Override
            public long getRunsDue() {
                return operations().runsDue();
            }

            @Override
            public int getDeliveriesInFlight() {
                return operations().deliveriesInFlight();
            }

            @Override
            public boolean isPaused() {
                return operations().paused();
            }

            @Override
            public void pause() {
                operations().pause();
            }

            @Override
            public void resume() {
                operations().resume();
            }
        };
        return new StandardMBean(engine, EngineMXBean.class, true);
    }
}
