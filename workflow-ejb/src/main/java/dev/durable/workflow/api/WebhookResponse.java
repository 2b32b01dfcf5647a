package dev.durable.workflow.api;

import java.io.Serializable;
import java.util.Map;

/**
 * An HTTP answer to a webhook's request.
 *
 * @param status the HTTP status, 100 to 599
 * @param headers response headers (no {@code Content-Length} or {@code Transfer-Encoding})
 * @param body the body as text (UTF-8), possibly empty
 */
public record WebhookResponse(int status, Map<String, String> headers, String body) implements Serializable {

    public WebhookResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("An HTTP status is 100 to 599, not " + status);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
    }
}
