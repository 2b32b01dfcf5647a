package dev.durable.workflow.engine;

import dev.durable.workflow.api.Webhook;
import dev.durable.workflow.api.WebhookOptions;
import dev.durable.workflow.api.WebhookRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * A webhook: a {@link HookCall} of kind {@code "webhook"} with a random token, whose payloads are the
 * HTTP requests sent to its URL. How it answers them is recorded with its token ({@code manual}, or a
 * fixed response), so whichever server receives a request knows.
 */
final class WebhookCall implements Webhook {
    private final HookCall<WebhookRequest> hook;
    private final String url;

    private WebhookCall(HookCall<WebhookRequest> hook, String url) {
        this.hook = hook;
        this.url = url;
    }

    static Webhook create(RunContext ctx, WebhookOptions options) {
        HookCall<WebhookRequest> hook = HookCall.open(ctx, WebhookRequest.class, null, "{}", "webhook",
                WebhookAnswers.encode(options));
        return new WebhookCall(hook, ctx.env().baseUrl() + "/webhooks/" + hook.token());
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String hookId() {
        return hook.hookId();
    }

    @Override
    public String token() {
        return hook.token();
    }

    @Override
    public WebhookRequest await() {
        return hook.await();
    }

    @Override
    public Optional<WebhookRequest> await(Duration timeout) {
        return hook.await(timeout);
    }

    @Override
    public void dispose() {
        hook.dispose();
    }

    @Override
    public boolean isDisposed() {
        return hook.isDisposed();
    }
}
