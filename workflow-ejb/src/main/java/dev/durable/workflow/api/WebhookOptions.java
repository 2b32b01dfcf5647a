package dev.durable.workflow.api;

import java.util.Map;

/**
 * How a webhook answers the HTTP requests that resume it: {@code 202} with an empty body (the default),
 * a fixed response, or a response a step gives later ({@link #manual()}).
 */
public final class WebhookOptions {
    private static final WebhookOptions DEFAULT = new WebhookOptions(false, new WebhookResponse(202, Map.of(), ""));

    private final boolean manual;
    private final WebhookResponse fixed;

    private WebhookOptions(boolean manual, WebhookResponse fixed) {
        this.manual = manual;
        this.fixed = fixed;
    }

    /** Answer every request {@code 202 Accepted} with an empty body. */
    public static WebhookOptions defaults() {
        return DEFAULT;
    }

    /** Answer every request with this status, these headers and this body. */
    public static WebhookOptions respondWith(int status, Map<String, String> headers, String body) {
        return new WebhookOptions(false, new WebhookResponse(status, headers, body));
    }

    /**
     * Hold each request until a step answers it with {@link WebhookRequest#respondWith}; a request not
     * answered within {@code workflow/webhookResponseSeconds} (30 s) gets {@code 504}.
     */
    public static WebhookOptions manual() {
        return new WebhookOptions(true, null);
    }

    /** Whether a step answers the requests. */
    public boolean isManual() {
        return manual;
    }

    /** The fixed answer, or {@code null} when {@link #isManual()}. */
    public WebhookResponse fixedResponse() {
        return fixed;
    }
}
