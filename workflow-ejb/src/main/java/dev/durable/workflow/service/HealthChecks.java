package dev.durable.workflow.service;

import dev.durable.workflow.api.EngineHealth;
import dev.durable.workflow.api.EngineHealth.Check;
import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.queue.RunQueue;
import dev.durable.workflow.store.DatabasePing;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's health ({@link EngineHealth}): the database and the messaging engine are probed side by
 * side on the server's executor, each given {@value #PROBE_SECONDS} s, so that a database that does not
 * answer (a pool waiting for a connection) makes the check fail in seconds rather than hang the probe.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthChecks {
    static final int PROBE_SECONDS = 4;

    @EJB
    DatabasePing database;

    @EJB
    RunQueue queue;

    @Resource
    ManagedExecutorService executor;

    /** Probes now and reports. */
    public EngineHealth health() {
        Future<?> db = executor.submit(() -> {
            database.ping();
            return null;
        });
        Future<?> jms = executor.submit(() -> {
            queue.ping();
            return null;
        });
        Check databaseCheck = outcome(db, "The database answers.", "The workflow database (jdbc/workflow) does not answer");
        Check messagingCheck = outcome(jms, "The messaging engine accepts connections.",
                "The messaging engine of the run queue (" + RunQueue.CONNECTION_FACTORY + ") refuses connections");
        Duration allowed = EngineConfig.RECOVERY.multipliedBy(3).plusSeconds(60);
        return new EngineHealth(ListenerCheck.status(), databaseCheck, messagingCheck, Housekeeping.recovery(),
                Housekeeping.liveness(EngineClock.now(), allowed));
    }

    private static Check outcome(Future<?> probe, String up, String down) {
        try {
            probe.get(PROBE_SECONDS, TimeUnit.SECONDS);
            return new Check(true, up);
        } catch (TimeoutException e) {
            probe.cancel(true);
            return new Check(false, down + ": no answer within " + PROBE_SECONDS + " s.");
        } catch (ExecutionException e) {
            return new Check(false, down + ": " + describe(e.getCause()) + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(false, down + ": the probe was interrupted.");
        }
    }

    /** A failure in one line for a health answer: the innermost cause's type and the first line of its message. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("").strip();
        String line = root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
