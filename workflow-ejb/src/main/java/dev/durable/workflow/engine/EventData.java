package dev.durable.workflow.engine;

import static dev.durable.workflow.codec.JsonCodec.quote;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.codec.JsonCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/** The JSON payloads of a run's events: the one place that knows their shape. */
public final class EventData {
    private EventData() {
    }

    public static Event stepCreated(String stepId, Instant at, String stepName, String inputJson) {
        return Event.of(EventType.STEP_CREATED, stepId, at, "{\"stepName\":" + quote(stepName) + ",\"input\":" + inputJson + "}");
    }

    public static Event stepStarted(String stepId, Instant at, int attempt) {
        return Event.of(EventType.STEP_STARTED, stepId, at, "{\"attempt\":" + attempt + "}");
    }

    public static Event stepCompleted(String stepId, Instant at, String outputJson) {
        return Event.of(EventType.STEP_COMPLETED, stepId, at, "{\"output\":" + outputJson + "}");
    }

    public static Event stepFailed(String stepId, Instant at, int attempt, String errorType, String message, boolean fatal) {
        return Event.of(EventType.STEP_FAILED, stepId, at, "{\"attempt\":" + attempt + ",\"errorType\":" + quote(errorType)
                + ",\"errorMessage\":" + quote(message) + ",\"fatal\":" + fatal + "}");
    }

    public static Event stepRetrying(String stepId, Instant at, int attempt, Instant retryAfter) {
        return Event.of(EventType.STEP_RETRYING, stepId, at, "{\"attempt\":" + attempt + ",\"retryAfter\":"
                + quote(retryAfter.toString()) + "}");
    }

    public static Event waitCreated(String waitId, Instant at, Instant resumeAt) {
        return Event.of(EventType.WAIT_CREATED, waitId, at, "{\"resumeAt\":" + quote(resumeAt.toString()) + "}");
    }

    /** A {@code wait_completed} event; {@code early} when a wake-up ended the wait before its time. */
    public static Event waitCompleted(String waitId, Instant at, boolean early) {
        return Event.of(EventType.WAIT_COMPLETED, waitId, at, early ? "{\"early\":true}" : "{}");
    }

    public static Event hookCreated(String hookId, Instant at, String token, String kind, String metadataJson) {
        return Event.of(EventType.HOOK_CREATED, hookId, at, hookData(token, kind, metadataJson));
    }

    /** A hook that could not take its token: another run's active hook holds it. */
    public static Event hookConflict(String hookId, Instant at, String token, String kind, String metadataJson) {
        return Event.of(EventType.HOOK_CONFLICT, hookId, at, hookData(token, kind, metadataJson));
    }

    private static String hookData(String token, String kind, String metadataJson) {
        return "{\"token\":" + quote(token) + ",\"kind\":" + quote(kind) + ",\"metadata\":" + metadataJson + "}";
    }

    public static Event hookReceived(String hookId, Instant at, String payloadJson) {
        return Event.of(EventType.HOOK_RECEIVED, hookId, at, "{\"payload\":" + payloadJson + "}");
    }

    public static Event hookDisposed(String hookId, Instant at) {
        return Event.of(EventType.HOOK_DISPOSED, hookId, at, null);
    }

    /** The payload of {@code run_created}. */
    public static String runCreated(String workflowName, String deploymentId) {
        return "{\"workflowName\":" + quote(workflowName) + ",\"deploymentId\":" + quote(deploymentId) + "}";
    }

    /** The payload of {@code run_failed}: the error. */
    public static String runFailed(String errorCode, String message) {
        return "{\"errorCode\":" + quote(errorCode) + ",\"errorMessage\":" + quote(message) + "}";
    }

    /** The payload of {@code run_cancelled}: the reason given, if any. */
    public static String runCancelled(String reason) {
        return reason == null ? null : "{\"reason\":" + quote(reason) + "}";
    }

    /** The payload as a JSON object (empty for none). */
    public static JsonObject object(String data) {
        return data == null ? JsonValue.EMPTY_JSON_OBJECT : JsonCodec.parse(data).asJsonObject();
    }

    /** The raw JSON of a member of the payload, or {@code fallback} if absent. */
    public static String raw(JsonObject data, String member, String fallback) {
        JsonValue v = data.get(member);
        return v == null ? fallback : v.toString();
    }

    /** An instant member of the payload, or {@code null}. */
    public static Instant instant(JsonObject data, String member) {
        String s = data.getString(member, null);
        return s == null ? null : Instant.parse(s);
    }
}
