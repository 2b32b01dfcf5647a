package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * A hook as its run's log describes it.
 *
 * @param hookId {@code hook_} followed by a ULID
 * @param token the token that resumes it
 * @param runId the run that created it
 * @param kind {@code "hook"} or {@code "webhook"}
 * @param url a webhook's URL; {@code null} for a hook
 * @param metadataJson the metadata it was created with, as a JSON object
 * @param status active, disposed, or a conflict
 * @param received how many payloads it has received
 * @param createdAt when the workflow created it
 * @param disposedAt when it was disposed, or {@code null}
 */
public record HookInfo(String hookId, String token, String runId, String kind, String url, String metadataJson,
                       HookStatus status, int received, Instant createdAt, Instant disposedAt) implements Serializable {

    /** The URL of a webhook with this token, under the REST API's base URL. */
    public static String webhookUrl(String baseUrl, String kind, String token) {
        return "webhook".equals(kind) ? baseUrl + "/webhooks/" + token : null;
    }
}
