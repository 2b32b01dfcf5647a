package dev.durable.workflow.service;

import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.EngineObserver;
import dev.durable.workflow.engine.EngineOperations;
import dev.durable.workflow.queue.RunQueue;
import dev.durable.workflow.store.DatabasePing;
import dev.durable.workflow.store.MissingIndexes;
import dev.durable.workflow.store.RunStore;
import dev.durable.workflow.store.WebhookReplies;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Start-up and housekeeping: frees the leases a previous life of this server held, checks that something
 * consumes the run queue ({@link ListenerCheck}), and every {@code workflow/recoverySeconds} recovers:
 * enqueues again any run that should be executing but has had no delivery and holds no live lease (a
 * lost message must not strand a run). Extra messages are harmless: a delivery of a run that is done or
 * owned elsewhere does nothing.
 */
@Singleton
@Startup
public class EngineLifecycle {
    private static final Logger LOG = Logger.getLogger(EngineLifecycle.class.getName());
    /** Runs rung again per round: after the messaging engine lost its doorbells, a backlog is rung at 400 a second. */
    private static final int SWEEP_BATCH = 2000;
    private static final String RECOVERY = "recovery";

    @EJB
    RunStore store;

    @EJB
    RunQueue queue;

    @EJB
    MissingIndexes indexes;

    @EJB
    DatabasePing ping;

    @EJB
    WebhookReplies replies;

    @Resource
    TimerService timers;

    @EJB
    dev.durable.workflow.jobs.Retention retention;

    @Resource
    ManagedExecutorService executor;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        store.find("wrun_"); // first use of the store, outside any transaction: creates missing tables
        indexes.create(); // and indexes added since an existing database's tables were made
        int freed = store.releaseLeasesOfEarlierLives(ServerIdentity.SERVER + "#", ServerIdentity.OWNER,
                EngineClock.now());
        String database = ping.describe();
        LOG.info(() -> "Durable workflow engine started as " + ServerIdentity.OWNER + " on " + database
                + " (jdbc/workflow) with " + EngineConfig.describe()
                + (freed > 0 ? "; freed " + freed + " lease(s) held before a restart" : ""));
        EngineObserver.install(observers());
        EngineOperations.install(new ServerOperations(store, executor, listenerEndpoint()));
        // learn that something consumes the run queue: if nothing has within the window, say so loudly
        ListenerCheck.started(EngineClock.now());
        Housekeeping.started(EngineClock.now(), freed);
        try {
            queue.sendProbe();
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not send the run queue's probe: " + e); // the check will report it
        }
        timers.createSingleActionTimer(EngineConfig.LISTENER_CHECK.plusMillis(500).toMillis(), new TimerConfig(null, false));
        // the first round soon after the start: runs whose message a crash lost are due at once
        timers.createIntervalTimer(1000, EngineConfig.RECOVERY.toMillis(), new TimerConfig(RECOVERY, false));
        if (EngineConfig.RETENTION_DAYS > 0) {
            retention.schedule();
        }
    }

    /**
     * The message listener's endpoint as Liberty names it, {@code application#module#bean}: the module is
     * the one the listener is in, the engine's EJB JAR in an EAR, or a WAR whose library holds it.
     */
    private static String listenerEndpoint() {
        try {
            javax.naming.InitialContext jndi = new javax.naming.InitialContext();
            String application = (String) jndi.lookup("java:app/AppName");
            String module = (String) jndi.lookup("java:module/ModuleName");
            java.security.CodeSource code = EngineLifecycle.class.getProtectionDomain().getCodeSource();
            boolean inWar = code != null && String.valueOf(code.getLocation()).contains(".war");
            return application + "#" + module + (inWar ? ".war" : ".jar") + "#RunMessageListener";
        } catch (javax.naming.NamingException e) {
            return "unknown#unknown#RunMessageListener";
        }
    }

    /** MicroProfile Metrics and Telemetry (traces), each when the server has the feature. */
    private static EngineObserver observers() {
        List<EngineObserver> observers = new ArrayList<>(2);
        if (available("org.eclipse.microprofile.metrics.MetricRegistry", "metrics")) {
            try {
                observers.add(MetricsObserver.create());
            } catch (RuntimeException | LinkageError e) {
                LOG.warning(() -> "The engine's metrics are off: " + e);
            }
        }
        if (available("io.opentelemetry.api.OpenTelemetry", "traces")) {
            try {
                observers.add(TracingObserver.create());
            } catch (RuntimeException | LinkageError e) {
                LOG.warning(() -> "The engine's traces are off: " + e);
            }
        }
        return EngineObserver.of(observers);
    }

    private static boolean available(String apiClass, String what) {
        try {
            Class.forName(apiClass, false, EngineLifecycle.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            LOG.info(() -> "No " + apiClass.substring(0, apiClass.lastIndexOf('.')) + " on this server: the engine's "
                    + what + " are off");
            return false;
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void timeout(Timer timer) {
        if (RECOVERY.equals(timer.getInfo())) {
            Housekeeping.ticked(EngineClock.now());
            try {
                recover();
            } catch (RuntimeException e) {
                Housekeeping.failed(e);
                throw e;
            }
        } else {
            ListenerCheck.check(EngineClock.now(), EngineConfig.LISTENER_CHECK);
        }
    }

    /**
     * Rings again for due runs that have had no delivery for {@code workflow/recoverySeconds}, and for
     * any other live run without progress for {@code workflow/stallSeconds}; the rings go after this
     * transaction's commit, which marks them touched so that the next round leaves them alone.
     */
    private void recover() {
        Instant now = EngineClock.now();
        ListenerCheck.check(now, EngineConfig.LISTENER_CHECK);
        List<String> stalled = store.touchStalledRuns(now, now.minus(EngineConfig.RECOVERY), now.minus(EngineConfig.STALL),
                SWEEP_BATCH);
        queue.ringAfterCommit(stalled);
        replies.purge(now.minus(EngineConfig.WEBHOOK_RESPONSE).minusSeconds(600));
        Housekeeping.recovered(now, stalled.size());
        Housekeeping.backlog(store.countBacklog(now));
        if (!stalled.isEmpty()) {
            LOG.info(() -> "Re-enqueued " + stalled.size() + " run(s) with no delivery: " + String.join(", ",
                    stalled.subList(0, Math.min(5, stalled.size()))) + (stalled.size() > 5 ? ", …" : ""));
        }
    }
}
