package dev.durable.workflow.service;

import dev.durable.workflow.api.StreamChunk;
import dev.durable.workflow.api.StreamPage;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.store.StreamDao;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code Run.getReadable}: a blocking iterator over a stream's chunks, from a start index to the end of
 * the closed stream. It reads pages of chunks, and when it has read all there are, waits for the next
 * change, woken at once by a write on this server and re-reading every second for other servers.
 */
final class StreamReader<C> implements Iterator<C> {
    private static final int PAGE = 500;
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final StreamDao streams;
    private final String runId;
    private final String name;
    private final Class<C> type;
    private final ArrayDeque<StreamChunk> buffered = new ArrayDeque<>();
    private int next;
    private boolean finished;
    /** Whether the last page was full: there may be more to read without waiting. */
    private boolean more;

    private StreamReader(StreamDao streams, String runId, String name, Class<C> type, StreamPage first, int from) {
        this.streams = streams;
        this.runId = runId;
        this.name = name;
        this.type = type;
        take(first, from);
    }

    /** Opens the stream at {@code startIndex}; fails at once if the run or the stream is unknown. */
    static <C> Stream<C> open(StreamDao streams, String runId, String name, Class<C> type, int startIndex) {
        StreamPage first = streams.read(runId, name, startIndex, PAGE);
        StreamReader<C> reader = new StreamReader<>(streams, runId, name, type, first, Math.max(0, startIndex));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (buffered.isEmpty() && !finished) {
            if (!more) {
                await(streams.next(runId, name, next, RECHECK));
            }
            take(streams.read(runId, name, next, PAGE), next);
        }
        return !buffered.isEmpty();
    }

    @Override
    public C next() {
        if (!hasNext()) {
            throw new NoSuchElementException("Stream '" + name + "' of run " + runId + " is closed and read to its end");
        }
        return type.cast(JsonCodec.fromJson(buffered.poll().json(), type));
    }

    private void take(StreamPage page, int from) {
        buffered.addAll(page.chunks());
        next = page.chunks().isEmpty() ? Math.max(from, page.next()) : page.next();
        finished = page.finished();
        more = page.chunks().size() == PAGE;
    }

    private static void await(java.util.concurrent.CompletableFuture<Void> change) {
        try {
            change.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a stream's next chunk", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
