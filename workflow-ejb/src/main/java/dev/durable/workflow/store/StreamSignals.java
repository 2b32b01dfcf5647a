package dev.durable.workflow.store;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Tells readers waiting on a stream that it changed on this server (a chunk committed, the stream
 * closed), so a live reader sees a chunk moments after it is written instead of at its next poll.
 * Changes on other servers are seen by the readers' own re-reads, at most {@code max} apart.
 */
final class StreamSignals {
    private static final ConcurrentHashMap<String, Set<CompletableFuture<Void>>> WAITING = new ConcurrentHashMap<>();

    private StreamSignals() {
    }

    /** A future that completes at the stream's next change here, or after {@code max}. */
    static CompletableFuture<Void> next(String runId, String name, Duration max) {
        String key = key(runId, name);
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        WAITING.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiter.whenComplete((v, e) -> WAITING.computeIfPresent(key, (k, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        }));
        return waiter.completeOnTimeout(null, max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Wakes the stream's waiters. */
    static void changed(String runId, String name) {
        Set<CompletableFuture<Void>> waiters = WAITING.remove(key(runId, name));
        if (waiters != null) {
            waiters.forEach(w -> w.complete(null));
        }
    }

    private static String key(String runId, String name) {
        return runId + '\u0000' + name;
    }
}
