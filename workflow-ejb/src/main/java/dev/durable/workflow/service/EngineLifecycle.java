package dev.durable.workflow.service;

import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.queue.RunQueue;
import dev.durable.workflow.store.RunStore;
import dev.durable.workflow.store.WebhookReplies;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Start-up and housekeeping: frees the leases a previous life of this server held, and every 20 seconds
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

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        store.find("wrun_"); // first use of the store, outside any transaction: creates missing tables
        int freed = store.releaseLeasesOfEarlierLives(ServerIdentity.SERVER + "#", ServerIdentity.OWNER);
        LOG.info(() -> "Durable workflow engine started as " + ServerIdentity.OWNER + " with " + EngineConfig.describe()
                + (freed > 0 ? "; freed " + freed + " lease(s) held before a restart" : ""));
    }

    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void sweep() {
        Instant now = EngineClock.now();
        List<String> stalled = store.touchStalledRuns(now, now.minus(EngineConfig.STALL), SWEEP_BATCH);
        stalled.forEach(queue::send);
        replies.purge(now.minus(EngineConfig.WEBHOOK_RESPONSE).minusSeconds(600));
        if (!stalled.isEmpty()) {
            LOG.info(() -> "Re-enqueued " + stalled.size() + " stalled run(s)");
        }
    }
}
