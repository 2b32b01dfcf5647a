package dev.durable.workflow.service;

import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.engine.CancelSignals;
import dev.durable.workflow.store.RunStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Answers a running step's {@code Workflows.cancelRequested()}: at once for runs cancelled on this server,
 * else from the run's row, read at most once a second per run (a step may ask in a loop).
 */
final class Cancellations implements CancelSignals {
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_REMEMBERED = 10_000;
    private static final Map<String, Boolean> CANCELLED_HERE = new ConcurrentHashMap<>();
    private static final Map<String, Long> LAST_READ = new ConcurrentHashMap<>();

    private final RunStore store;

    Cancellations(RunStore store) {
        this.store = store;
    }

    /** Records that the run was cancelled by this server. */
    static void cancelled(String runId) {
        if (CANCELLED_HERE.size() > MAX_REMEMBERED) {
            CANCELLED_HERE.clear();
        }
        CANCELLED_HERE.put(runId, Boolean.TRUE);
    }

    @Override
    public boolean cancelRequested(String runId) {
        if (CANCELLED_HERE.containsKey(runId)) {
            return true;
        }
        long now = System.nanoTime();
        Long last = LAST_READ.get(runId);
        if (last != null && now - last < RECHECK_NANOS) {
            return false;
        }
        if (LAST_READ.size() > MAX_REMEMBERED) {
            LAST_READ.clear();
        }
        LAST_READ.put(runId, now);
        RunInfo run = store.find(runId);
        boolean cancelled = run != null && run.status() == RunStatus.CANCELLED;
        if (cancelled) {
            cancelled(runId);
        }
        return cancelled;
    }
}
