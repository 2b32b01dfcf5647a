package dev.durable.workflow.service;

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

    /** Waits up to {@code millis} for a signal for the run. */
    static void await(String runId, long millis) throws InterruptedException {
        WAITING.computeIfAbsent(runId, id -> new CountDownLatch(1)).await(millis, TimeUnit.MILLISECONDS);
    }

    /** Wakes the run's waiters. */
    static void signal(String runId) {
        CountDownLatch latch = WAITING.remove(runId);
        if (latch != null) {
            latch.countDown();
        }
    }
}
