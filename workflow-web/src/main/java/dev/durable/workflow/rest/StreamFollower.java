package dev.durable.workflow.rest;

import dev.durable.workflow.api.StreamChunk;
import dev.durable.workflow.api.StreamPage;
import dev.durable.workflow.api.WorkflowInspector;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows one stream for one SSE client: sends the chunks there are, then waits for the next change
 * without a thread ({@link WorkflowInspector#awaitStream}: woken at once by a write on this server,
 * re-reading every second for other servers), and ends the response with an {@code end} event once the
 * stream is closed and sent. A comment every 15 s of quiet finds clients that have gone away.
 */
final class StreamFollower {
    static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(StreamFollower.class.getName());
    private static final Duration RECHECK = Duration.ofSeconds(1);
    private static final long KEEP_ALIVE_NANOS = Duration.ofSeconds(15).toNanos();

    private final WorkflowInspector inspector;
    private final ManagedScheduledExecutorService executor;
    /** {@link #pump()} in the context of the request that began following: its user, whose role reads streams. */
    private final Runnable pump;
    private final SseEventSink sink;
    private final Sse sse;
    private final String runId;
    private final String name;
    private int next;
    private long lastSent = System.nanoTime();

    StreamFollower(WorkflowInspector inspector, ManagedScheduledExecutorService executor, ContextService context,
                   SseEventSink sink, Sse sse, String runId, String name) {
        this.inspector = inspector;
        this.executor = executor;
        // captured now, on the request's thread: the thread that later completes a wait has no user
        this.pump = context.contextualRunnable(this::pump);
        this.sink = sink;
        this.sse = sse;
        this.runId = runId;
        this.name = name;
    }

    /** Sends the first page and follows on. */
    void start(StreamPage first) {
        next = first.next();
        handle(first);
    }

    private void pump() {
        try {
            handle(inspector.readStream(runId, name, next, PAGE));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Stopped following a stream", e);
            sink.close();
        }
    }

    private void handle(StreamPage page) {
        if (sink.isClosed()) {
            return;
        }
        for (StreamChunk c : page.chunks()) {
            if (!sent(sse.newEventBuilder().id(Integer.toString(c.index()))
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, c.json()).build())) {
                return;
            }
            next = c.index() + 1;
        }
        if (page.finished() || (page.closed() && next >= page.total())) {
            sent(sse.newEventBuilder().name("end").data(String.class, "{\"chunks\":" + page.total() + "}").build());
            sink.close();
            return;
        }
        if (page.chunks().size() == PAGE) {
            executor.execute(pump);
            return;
        }
        if (System.nanoTime() - lastSent > KEEP_ALIVE_NANOS && !sent(sse.newEventBuilder().comment("waiting").build())) {
            return;
        }
        inspector.awaitStream(runId, name, next, RECHECK).whenCompleteAsync((v, e) -> pump.run(), executor);
    }

    /** Sends an event; false (and the response closed) if the client is gone. */
    private boolean sent(jakarta.ws.rs.sse.OutboundSseEvent event) {
        try {
            sink.send(event).toCompletableFuture().join();
            lastSent = System.nanoTime();
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "An SSE client went away", e);
            sink.close();
            return false;
        }
    }
}
