package dev.durable.workflow.engine;

import dev.durable.workflow.api.WebhookOptions;
import dev.durable.workflow.api.WebhookResponse;
import dev.durable.workflow.codec.JsonCodec;
import java.util.Map;

/**
 * How a webhook answers its requests, as recorded with its token: the one place that knows the format.
 * {@code null} is the default 202, {@code {"manual":true}} a step's answer, anything else the fixed
 * response as JSON.
 */
public final class WebhookAnswers {
    private static final String MANUAL = "{\"manual\":true}";
    private static final WebhookResponse ACCEPTED = new WebhookResponse(202, Map.of(), "");

    private WebhookAnswers() {
    }

    /** What to record for these options. */
    static String encode(WebhookOptions options) {
        if (options.isManual()) {
            return MANUAL;
        }
        WebhookResponse fixed = options.fixedResponse();
        return fixed.equals(ACCEPTED) ? null : JsonCodec.toJson(fixed);
    }

    /** The answer to send at once for what was recorded, or {@code null} when a step gives it. */
    public static WebhookResponse immediate(String recorded) {
        if (recorded == null) {
            return ACCEPTED;
        }
        return MANUAL.equals(recorded) ? null : (WebhookResponse) JsonCodec.fromJson(recorded, WebhookResponse.class);
    }
}
