package dev.durable.workflow.service;

import dev.durable.workflow.engine.ChildRuns;
import dev.durable.workflow.store.StreamDao;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Wakes threads waiting in {@code Run.returnValue} as soon as a run ends on this server, instead of
 * leaving them to their next poll, and hands them the end the delivery wrote, so that they need not read
 * it back. Runs that end on another server are seen by polling.
 */
final class CompletionSignals {
    private static final ConcurrentHashMap<String, Watch> WAITING = new ConcurrentHashMap<>();

    private CompletionSignals() {
    }

    /** What waiters of one run wait on: opened by the run's next signal. */
    static final class Watch {
        private final CountDownLatch latch = new CountDownLatch(1);
        private volatile ChildRuns.Ending ending;

        /** Waits up to {@code millis} for the signal. */
        void await(long millis) throws InterruptedException {
            latch.await(millis, TimeUnit.MILLISECONDS);
        }

        /** The run's end, if the signal carried it; else {@code null} (read the run). */
        ChildRuns.Ending ending() {
            return ending;
        }
    }

    /**
     * The watch that the run's next signal opens. Take it before looking at the run's state: a signal
     * sent between the look and the wait then still ends the wait.
     */
    static Watch watch(String runId) {
        return WAITING.computeIfAbsent(runId, id -> new Watch());
    }

    /** Wakes the run's waiters, who read its state, and the readers of its streams (which its end closed). */
    static void signal(String runId) {
        signal(runId, null);
    }

    /** Wakes the run's waiters with its committed end, and the readers of its streams. */
    static void signal(String runId, ChildRuns.Ending ending) {
        StreamDao.runEnded(runId);
        Watch watch = WAITING.remove(runId);
        if (watch != null) {
            watch.ending = ending;
            watch.latch.countDown();
        }
    }
}
