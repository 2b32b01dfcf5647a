package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * What {@link WorkflowService#receiveWebhook} did with an HTTP request.
 *
 * @param requestId the request's id, recorded in its run's log
 * @param hookId the webhook it resumed
 * @param runId the webhook's run
 * @param response the answer to send now; {@code null} for a manual webhook, whose answer a step gives
 *                 later ({@link WorkflowService#takeWebhookResponse})
 * @param answerBy for a manual webhook, when to give up waiting for the step's answer (then 504)
 */
public record WebhookReceipt(String requestId, String hookId, String runId, WebhookResponse response, Instant answerBy)
        implements Serializable {
}
