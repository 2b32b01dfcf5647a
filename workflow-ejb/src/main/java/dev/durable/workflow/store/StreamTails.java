package dev.durable.workflow.store;

import dev.durable.workflow.api.StreamChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * This server's view of the tails of streams written here: the last few chunks each write committed,
 * and the readers waiting for the next. Live readers are served from it, so a hundred readers of one
 * stream cost the database nothing per chunk and each learns of a chunk as its write commits. What it
 * does not hold (older chunks, big ones, chunks written on other servers, whether a stream closed
 * on another server's watch) is read from the database; readers waiting here re-read at most {@code max}
 * apart, so a change it cannot see is seen by then.
 */
final class StreamTails {
    /** Chunks kept per stream: live readers are a few chunks behind at most. */
    private static final int CHUNKS = 32;
    /** Bigger chunks are read from the database. */
    private static final int MAX_JSON = 4096;
    /** Streams kept, least recently used first out. */
    private static final int STREAMS = 256;

    private static final Map<String, Tail> TAILS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tail> eldest) {
            return size() > STREAMS;
        }
    };

    private StreamTails() {
    }

    /** A chunk was committed. */
    static void appended(String runId, String name, StreamChunk chunk) {
        Tail tail = tail(runId, name, true);
        List<CompletableFuture<Void>> woken;
        synchronized (tail) {
            if (!tail.ended && (chunk.json() == null || chunk.json().length() <= MAX_JSON)) {
                tail.chunks.put(chunk.index(), chunk);
                while (tail.chunks.size() > CHUNKS) {
                    tail.chunks.pollFirstEntry();
                }
            }
            tail.highest = Math.max(tail.highest, chunk.index());
            woken = tail.wake(false);
        }
        woken.forEach(w -> w.complete(null));
    }

    /** The stream was closed. */
    static void closed(String runId, String name) {
        Tail tail = tail(runId, name, true);
        List<CompletableFuture<Void>> woken;
        synchronized (tail) {
            tail.closed = true;
            tail.chunks.clear();
            woken = tail.wake(true);
        }
        woken.forEach(w -> w.complete(null));
    }

    /** The run ended, which closes its streams: their readers here read again. */
    static void runEnded(String runId) {
        List<Tail> tails = new ArrayList<>();
        String prefix = runId + '\u0000';
        synchronized (TAILS) {
            TAILS.forEach((key, tail) -> {
                if (key.startsWith(prefix)) {
                    tails.add(tail);
                }
            });
        }
        for (Tail tail : tails) {
            List<CompletableFuture<Void>> woken;
            synchronized (tail) {
                // readers go to the rows from now on, which say whether the run has ended: the caller may
                // signal before its commit, so that the tail cannot say it is closed
                tail.chunks.clear();
                tail.ended = true;
                woken = tail.wake(true);
            }
            woken.forEach(w -> w.complete(null));
        }
    }

    /**
     * Completes once a chunk at or after {@code seen} was committed here or the stream closed here (at
     * once if that happened already), or after {@code max}.
     */
    static CompletableFuture<Void> next(String runId, String name, int seen, Duration max) {
        Tail tail = tail(runId, name, true);
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        synchronized (tail) {
            if (tail.closed || tail.highest >= seen) {
                waiter.complete(null);
                return waiter;
            }
            tail.waiting.add(new Waiter(seen, waiter));
        }
        waiter.whenComplete((v, e) -> {
            synchronized (tail) {
                tail.waiting.removeIf(w -> w.future == waiter);
            }
        });
        return waiter.completeOnTimeout(null, max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The chunks held here from {@code from} on, consecutive, at most {@code limit}; empty if the chunk
     * at {@code from} is not held. None are held once the stream is closed or its run has ended, so a
     * page with chunks from here is of a stream that was open.
     */
    static List<StreamChunk> from(String runId, String name, int from, int limit) {
        Tail tail = tail(runId, name, false);
        List<StreamChunk> chunks = new ArrayList<>();
        if (tail != null) {
            synchronized (tail) {
                for (int i = from; chunks.size() < limit; i++) {
                    StreamChunk c = tail.chunks.get(i);
                    if (c == null) {
                        break;
                    }
                    chunks.add(c);
                }
            }
        }
        return chunks;
    }

    private static Tail tail(String runId, String name, boolean create) {
        String key = runId + '\u0000' + name;
        synchronized (TAILS) {
            return create ? TAILS.computeIfAbsent(key, k -> new Tail()) : TAILS.get(key);
        }
    }

    private record Waiter(int seen, CompletableFuture<Void> future) {
    }

    private static final class Tail {
        final TreeMap<Integer, StreamChunk> chunks = new TreeMap<>();
        final List<Waiter> waiting = new ArrayList<>();
        int highest = -1;
        boolean closed;
        /** Its run may have ended: chunks are no longer held, so readers learn the end from the rows. */
        boolean ended;

        /** Takes the waiters a change wakes; called holding the tail's lock. */
        List<CompletableFuture<Void>> wake(boolean all) {
            List<CompletableFuture<Void>> woken = new ArrayList<>();
            waiting.removeIf(w -> {
                if (all || w.seen <= highest) {
                    woken.add(w.future);
                    return true;
                }
                return false;
            });
            return woken;
        }
    }
}
