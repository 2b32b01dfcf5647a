package dev.durable.workflow.store;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.StepInfo;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.StepRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The step events' payloads: writing them from a {@link StepRecord}, and folding a log's step events
 * back into steps. The only place that knows their JSON shape.
 */
final class StepEvents {
    private StepEvents() {
    }

    static List<EventEntity> toEvents(String runId, int firstSeq, StepRecord s) {
        String created = "{\"stepName\":" + JsonCodec.quote(s.stepName()) + ",\"input\":" + s.inputJson() + "}";
        String started = "{\"attempt\":" + s.attempt() + "}";
        String outcome = s.failed()
                ? "{\"errorType\":" + JsonCodec.quote(s.errorType()) + ",\"errorMessage\":" + JsonCodec.quote(s.errorMessage())
                        + ",\"fatal\":true}"
                : "{\"output\":" + s.outputJson() + "}";
        return List.of(
                new EventEntity(runId, firstSeq, EventType.STEP_CREATED.wireName(), s.stepId(), s.createdAt(), created),
                new EventEntity(runId, firstSeq + 1, EventType.STEP_STARTED.wireName(), s.stepId(), s.startedAt(), started),
                new EventEntity(runId, firstSeq + 2,
                        (s.failed() ? EventType.STEP_FAILED : EventType.STEP_COMPLETED).wireName(),
                        s.stepId(), s.completedAt(), outcome));
    }

    /** A step being folded from its events. */
    private static final class Fold {
        String stepId;
        String name;
        String input;
        int attempt;
        Instant createdAt;
        Instant startedAt;
        Instant completedAt;
        StepStatus status = StepStatus.PENDING;
        String output;
        String errorType;
        String errorMessage;
    }

    /** Folds step events, in log order, into steps in the order they were created. */
    private static List<Fold> fold(List<EventEntity> events) {
        Map<String, Fold> steps = new LinkedHashMap<>();
        for (EventEntity e : events) {
            if (e.correlationId == null || !e.eventType.startsWith("step_")) {
                continue;
            }
            Fold f = steps.computeIfAbsent(e.correlationId, id -> new Fold());
            f.stepId = e.correlationId;
            JsonObject data = e.eventData == null ? JsonValue.EMPTY_JSON_OBJECT : JsonCodec.parse(e.eventData).asJsonObject();
            switch (EventType.fromWireName(e.eventType)) {
                case STEP_CREATED -> {
                    f.name = data.getString("stepName");
                    f.input = data.containsKey("input") ? data.get("input").toString() : "[]";
                    f.createdAt = e.createdAt;
                }
                case STEP_STARTED -> {
                    f.attempt = data.getInt("attempt", f.attempt + 1);
                    f.startedAt = e.createdAt;
                    f.status = StepStatus.RUNNING;
                }
                case STEP_COMPLETED -> {
                    f.output = data.containsKey("output") ? data.get("output").toString() : "null";
                    f.completedAt = e.createdAt;
                    f.status = StepStatus.COMPLETED;
                }
                case STEP_FAILED -> {
                    f.errorType = data.getString("errorType", null);
                    f.errorMessage = data.getString("errorMessage", null);
                    f.completedAt = e.createdAt;
                    f.status = StepStatus.FAILED;
                }
                default -> {
                }
            }
        }
        return new ArrayList<>(steps.values());
    }

    /** The finished steps of a log, for replay. */
    static List<StepRecord> records(List<EventEntity> events) {
        List<StepRecord> out = new ArrayList<>();
        for (Fold f : fold(events)) {
            if (f.name == null || f.completedAt == null) {
                throw new IllegalStateException("Step " + f.stepId + " has no outcome in the log");
            }
            out.add(new StepRecord(f.stepId, f.name, f.input, f.attempt, f.createdAt, f.startedAt, f.completedAt,
                    f.status == StepStatus.FAILED, f.output, f.errorType, f.errorMessage));
        }
        return out;
    }

    /** The steps of a log, for display. */
    static List<StepInfo> infos(List<EventEntity> events) {
        return fold(events).stream()
                .map(f -> new StepInfo(f.stepId, f.name, f.status, f.attempt, f.input, f.output, f.errorType,
                        f.errorMessage, f.createdAt, f.startedAt, f.completedAt))
                .toList();
    }
}
