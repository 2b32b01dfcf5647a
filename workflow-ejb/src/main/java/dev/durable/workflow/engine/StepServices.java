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
}
