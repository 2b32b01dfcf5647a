package dev.durable.workflow.api;

/**
 * A hook resumed by an HTTP request: created inside a workflow with {@link Workflows#createWebhook()},
 * it has a URL ({@code <baseUrl>/webhooks/<token>}, the token random and unguessable) to which any GET,
 * POST, PUT, PATCH or DELETE resumes the run with the request. The caller is answered {@code 202} with an
 * empty body, or with the fixed response of {@link WebhookOptions#respondWith}, or, with
 * {@link WebhookOptions#manual()}, by a step calling {@link WebhookRequest#respondWith}.
 *
 * <pre>{@code
 * Webhook hook = Workflows.createWebhook();
 * steps.sendCallbackUrl(hook.url());
 * WebhookRequest callback = hook.await();
 * }</pre>
 */
public interface Webhook extends Hook<WebhookRequest> {

    /** The URL that resumes this webhook. */
    String url();
}
