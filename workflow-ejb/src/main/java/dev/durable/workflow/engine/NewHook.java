package dev.durable.workflow.engine;

import java.time.Instant;

/**
 * A hook a workflow creates, as the store registers its token.
 *
 * @param kind {@code "hook"} or {@code "webhook"}
 * @param payloadType the class payloads are decoded as, by name; checked when a payload is offered
 * @param metadataJson the caller's metadata, a JSON object
 * @param responseJson how a webhook answers its requests ({@code null}: a hook, or a webhook's default 202)
 */
public record NewHook(String hookId, String token, String kind, String payloadType, String metadataJson,
                      String responseJson, Instant createdAt) {

    /** Its {@code hook_created} event. */
    public Event created() {
        return EventData.hookCreated(hookId, createdAt, token, kind, metadataJson);
    }

    /** Its {@code hook_conflict} event, when another active hook holds the token. */
    public Event conflict() {
        return EventData.hookConflict(hookId, createdAt, token, kind, metadataJson);
    }
}
