package dev.durable.workflow.samples;

import dev.durable.workflow.api.Step;
import dev.durable.workflow.api.Webhook;
import dev.durable.workflow.api.WebhookOptions;
import dev.durable.workflow.api.WebhookRequest;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Map;

/**
 * Creates a manual webhook and waits for one request; a step answers it {@code 200} with a JSON body
 * naming the run and echoing the request's method and body. Returns the method.
 */
@Workflow("webhookReply")
public class WebhookReply {
    @Inject
    Replies replies;

    public String run() {
        Webhook webhook = Workflows.createWebhook(WebhookOptions.manual());
        WebhookRequest request = webhook.await();
        replies.answer(request);
        return request.getMethod();
    }

    /** The step that answers. */
    @ApplicationScoped
    public static class Replies {
        @Step
        public boolean answer(WebhookRequest request) {
            String body = Json.createObjectBuilder().add("runId", Workflows.runId()).add("method", request.getMethod())
                    .add("received", request.getBody()).build().toString();
            return request.respondWith(200, Map.of("Content-Type", "application/json"), body);
        }
    }
}
