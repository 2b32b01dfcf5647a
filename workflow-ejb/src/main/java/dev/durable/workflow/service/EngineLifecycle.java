package dev.durable.workflow.service;

import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.queue.RunQueue;
import dev.durable.workflow.store.RunStore;
import dev.durable.workflow.store.WebhookReplies;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Start-up and housekeeping: frees the leases a previous life of this server held, checks that something
 * consumes the run queue ({@link ListenerCheck}), and every 20 seconds
 * enqueues again any run that should be executing but has made no progress and holds no live lease (a
 * lost message must not strand a run). Extra messages are harmless: a delivery of a run that is done or
 * owned elsewhere does nothing.
 */
@Singleton
@Startup
public class EngineLifecycle {
    private static final Logger LOG = Logger.getLogger(EngineLifecycle.class.getName());
    private static final int SWEEP_BATCH = 500;

    @EJB
    RunStore store;

    @EJB
    RunQueue queue;

    @EJB
    WebhookReplies replies;

    @Resource
    TimerService timers;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        store.find("wrun_"); // first use of the store, outside any transaction: creates missing tables
        int freed = store.releaseLeasesOfEarlierLives(ServerIdentity.SERVER + "#", ServerIdentity.OWNER);
        LOG.info(() -> "Durable workflow engine started as " + ServerIdentity.OWNER + " with " + EngineConfig.describe()
                + (freed > 0 ? "; freed " + freed + " lease(s) held before a restart" : ""));
        // learn that something consumes the run queue: if nothing has within the window, say so loudly
        ListenerCheck.started(EngineClock.now());
        try {
            queue.sendProbe();
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not send the run queue's probe: " + e); // the check will report it
        }
        timers.createSingleActionTimer(EngineConfig.LISTENER_CHECK.plusMillis(500).toMillis(), new TimerConfig(null, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void checkListener() {
        ListenerCheck.check(EngineClock.now(), EngineConfig.LISTENER_CHECK);
    }

    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void sweep() {
        Instant now = EngineClock.now();
        ListenerCheck.check(now, EngineConfig.LISTENER_CHECK);
        List<String> stalled = store.touchStalledRuns(now, now.minus(EngineConfig.STALL), SWEEP_BATCH);
        stalled.forEach(queue::send);
        replies.purge(now.minus(EngineConfig.WEBHOOK_RESPONSE).minusSeconds(600));
        if (!stalled.isEmpty()) {
            LOG.info(() -> "Re-enqueued " + stalled.size() + " stalled run(s)");
        }
    }
}
