package dev.durable.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.StreamChunk;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StreamTailsTest {
    private final String run = "wrun_" + UUID.randomUUID();
    private static final Duration LONG = Duration.ofMinutes(1);

    private static StreamChunk chunk(int i) {
        return new StreamChunk(i, "{\"i\":" + i + "}", Instant.now());
    }

    @Test
    void aWaiterWakesWhenAChunkAtOrAfterWhatItHasSeenCommits() {
        CompletableFuture<Void> waiting = StreamTails.next(run, "out", 0, LONG);
        assertFalse(waiting.isDone());
        StreamTails.appended(run, "out", chunk(0));
        assertTrue(waiting.isDone());
        // a chunk the reader has seen already does not wake it
        CompletableFuture<Void> atOne = StreamTails.next(run, "out", 1, LONG);
        assertFalse(atOne.isDone());
        StreamTails.appended(run, "other", chunk(1));
        assertFalse(atOne.isDone(), "another stream's chunk");
        StreamTails.appended(run, "out", chunk(1));
        assertTrue(atOne.isDone());
    }

    @Test
    void aChunkCommittedBeforeTheWaitEndsItAtOnce() {
        StreamTails.appended(run, "out", chunk(0));
        assertTrue(StreamTails.next(run, "out", 0, LONG).isDone());
        assertFalse(StreamTails.next(run, "out", 1, LONG).isDone());
    }

    @Test
    void heldChunksAreServedOnlyConsecutivelyFromTheOneAsked() {
        StreamTails.appended(run, "out", chunk(0));
        StreamTails.appended(run, "out", chunk(2)); // its commit overtook chunk 1's
        assertEquals(1, StreamTails.from(run, "out", 0, 10).size(), "stops at the gap");
        assertTrue(StreamTails.from(run, "out", 1, 10).isEmpty(), "not held: read from the rows");
        StreamTails.appended(run, "out", chunk(1));
        assertEquals(3, StreamTails.from(run, "out", 0, 10).size());
        assertEquals(2, StreamTails.from(run, "out", 0, 2).size(), "the limit");
        assertTrue(StreamTails.from(run, "nope", 0, 10).isEmpty());
    }

    @Test
    void onlyTheLastChunksAndSmallOnesAreHeld() {
        for (int i = 0; i < 100; i++) {
            StreamTails.appended(run, "out", chunk(i));
        }
        assertTrue(StreamTails.from(run, "out", 0, 10).isEmpty());
        assertEquals(32, StreamTails.from(run, "out", 68, 100).size());
        StreamTails.appended(run, "big", new StreamChunk(0, "\"" + "x".repeat(5000) + "\"", Instant.now()));
        assertTrue(StreamTails.from(run, "big", 0, 10).isEmpty());
        assertTrue(StreamTails.next(run, "big", 0, LONG).isDone(), "a big chunk still wakes its readers");
    }

    @Test
    void closingWakesEveryWaiterAndTheRunsEndWakesTheReadersOfAllItsStreams() {
        CompletableFuture<Void> out = StreamTails.next(run, "out", 0, LONG);
        StreamTails.appended(run, "out", chunk(0));
        StreamTails.closed(run, "out");
        assertTrue(out.isDone());
        assertTrue(StreamTails.from(run, "out", 0, 10).isEmpty(), "a closed stream's end is read from the rows");
        assertTrue(StreamTails.next(run, "out", 5, LONG).isDone(), "closed: nothing to wait for");

        CompletableFuture<Void> a = StreamTails.next(run, "a", 0, LONG);
        CompletableFuture<Void> b = StreamTails.next(run, "b", 3, LONG);
        CompletableFuture<Void> elsewhere = StreamTails.next(run + "x", "a", 0, LONG);
        StreamTails.runEnded(run);
        assertTrue(a.isDone() && b.isDone());
        assertFalse(elsewhere.isDone(), "another run's reader");
        StreamTails.appended(run, "a", chunk(0));
        assertTrue(StreamTails.from(run, "a", 0, 10).isEmpty(), "the end is read from the rows");
    }

    @Test
    void aWaitEndsAfterItsMaximumForChangesOnOtherServers() {
        CompletableFuture<Void> waiting = StreamTails.next(run, "out", 0, Duration.ofMillis(50));
        waiting.join();
        assertTrue(waiting.isDone());
    }
}
