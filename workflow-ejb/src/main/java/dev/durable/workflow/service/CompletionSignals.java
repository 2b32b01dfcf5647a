package dev.durable.workflow.service;

import dev.durable.workflow.store.StreamDao;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Wakes threads waiting in {@code Run.returnValue} as soon as a run ends on this server, instead of
 * leaving them to their next poll. Runs that end on another server are seen by polling.
 */
final class CompletionSignals {
    private static final ConcurrentHashMap<String, CountDownLatch> WAITING = new ConcurrentHashMap<>();

    private CompletionSignals() {
    }

    /**
     * The latch that the run's next signal opens. Take it before looking at the run's state: a signal
     * sent between the look and the wait then still ends the wait.
     */
    static CountDownLatch watch(String runId) {
        return WAITING.computeIfAbsent(runId, id -> new CountDownLatch(1));
    }

    /** Waits up to {@code millis} for the latch to open. */
    static void await(CountDownLatch latch, long millis) throws InterruptedException {
        latch.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Wakes the run's waiters, and the readers of its streams (which its end closed). */
    static void signal(String runId) {
        StreamDao.runEnded(runId);
        CountDownLatch latch = WAITING.remove(runId);
        if (latch != null) {
            latch.countDown();
        }
    }
}
