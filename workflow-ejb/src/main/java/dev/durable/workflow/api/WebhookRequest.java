package dev.durable.workflow.api;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request that resumed a webhook, as its workflow receives it. JSON-serializable, so a workflow
 * may pass it to a step, which answers it with {@link #respondWith} when the webhook is
 * {@link WebhookOptions#manual() manual}.
 */
public class WebhookRequest {
    private String requestId;
    private String method;
    private String path;
    private String query;
    private Map<String, String> headers = Map.of();
    private String body = "";

    /** For JSON-B. */
    public WebhookRequest() {
    }

    /** A request as the REST layer received it. */
    public WebhookRequest(String requestId, String method, String path, String query, Map<String, String> headers,
                          String body) {
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.body = body == null ? "" : body;
    }

    /** Identifies this request, for its response. */
    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    /** GET, POST, PUT, PATCH or DELETE. */
    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    /** The request's path, e.g. {@code /workflow/api/webhooks/<token>}. */
    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    /** The raw query string, or {@code null}. */
    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    /** The request headers, names in lower case (several values of one header joined by ", "). */
    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers == null ? Map.of() : headers;
    }

    /** The body as text (UTF-8), empty if there was none. */
    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body == null ? "" : body;
    }

    /** The body parsed as JSON, when the request's content type says JSON and it parses. */
    public Optional<JsonValue> json() {
        String type = headers.getOrDefault("content-type", "");
        if (!type.contains("json") || body.isBlank()) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            return Optional.of(reader.readValue());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Answers the waiting HTTP request (the webhook must be {@link WebhookOptions#manual() manual}); call
     * it from a step. The first answer wins: later ones, e.g. from a retried step, are ignored. Works
     * whichever server holds the request.
     *
     * @return whether this call gave the answer
     */
    public boolean respondWith(int status, Map<String, String> headers, String body) {
        return Workflows.respondToWebhook(requestId, new WebhookResponse(status, headers, body));
    }
}
