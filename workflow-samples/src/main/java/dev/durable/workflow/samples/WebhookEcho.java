package dev.durable.workflow.samples;

import dev.durable.workflow.api.Webhook;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;

/**
 * Creates a webhook (listed with its URL by {@code GET /runs/<runId>/hooks}), waits for one request to
 * it (answered {@code 202}) and returns the request's body.
 */
@Workflow("webhookEcho")
public class WebhookEcho {

    public String run() {
        Webhook webhook = Workflows.createWebhook();
        return webhook.await().getBody();
    }
}
