package dev.durable.workflow.service;

import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.WebhookResponse;
import dev.durable.workflow.engine.StepServices;
import dev.durable.workflow.store.RunStore;
import dev.durable.workflow.store.StreamDao;
import dev.durable.workflow.store.WebhookReplies;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What running steps ask of the engine. {@code Workflows.cancelRequested()} is answered at once for runs
 * cancelled on this server, else from the run's row, read at most once a second per run (a step may ask
 * in a loop). A manual webhook's answer is saved for whichever server holds the waiting request. Stream
 * chunks are saved each in its own transaction.
 */
final class StepSupport implements StepServices {
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_REMEMBERED = 10_000;
    private static final Map<String, Boolean> CANCELLED_HERE = new ConcurrentHashMap<>();
    private static final Map<String, Long> LAST_READ = new ConcurrentHashMap<>();

    private final RunStore store;
    private final WebhookReplies replies;
    private final StreamDao streams;

    StepSupport(RunStore store, WebhookReplies replies, StreamDao streams) {
        this.store = store;
        this.replies = replies;
        this.streams = streams;
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

    @Override
    public boolean respondToWebhook(String requestId, WebhookResponse response) {
        try {
            return replies.save(requestId, response);
        } catch (RuntimeException e) {
            if (replies.has(requestId)) {
                return false; // another attempt answered at the same moment
            }
            throw e;
        }
    }

    @Override
    public void openStream(String runId, String name) {
        streams.open(runId, name);
    }

    @Override
    public int appendChunk(String runId, String name, String json) {
        int index = streams.append(runId, name, json);
        if (index < 0) {
            throw new IllegalStateException(streams.whyNotOpen(runId, name));
        }
        return index;
    }

    @Override
    public void closeStream(String runId, String name) {
        streams.close(runId, name);
    }
}
