package dev.durable.workflow.engine;

import static dev.durable.workflow.codec.JsonCodec.quote;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.codec.JsonCodec;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/** The JSON payloads of the step and wait events: the one place that knows their shape. */
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
