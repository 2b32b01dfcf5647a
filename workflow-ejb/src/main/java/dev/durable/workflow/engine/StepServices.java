package dev.durable.workflow.engine;

import dev.durable.workflow.api.WebhookResponse;

/** What a running step may ask of the engine beyond its own work. */
public interface StepServices {

    /**
     * Whether the run has been cancelled (cancellation is cooperative). May read the database: call it
     * now and then, not in a tight loop.
     */
    boolean cancelRequested(String runId);

    /**
     * Answers a manual webhook's waiting HTTP request; the first answer wins.
     *
     * @return whether this call gave the answer
     */
    boolean respondToWebhook(String requestId, WebhookResponse response);

    /** Creates the run's stream {@code name} unless it exists. */
    void openStream(String runId, String name);

    /**
     * Appends a chunk (JSON text) to an open stream of a live run and commits it.
     *
     * @return its index
     * @throws IllegalStateException if the stream is closed or the run has ended
     */
    int appendChunk(String runId, String name, String json);

    /** Closes the stream; closing a closed one does nothing. */
    void closeStream(String runId, String name);
}
