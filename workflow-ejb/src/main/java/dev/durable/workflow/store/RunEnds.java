package dev.durable.workflow.store;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.engine.EventData;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** How a run's log ends, the same on every path that ends a run. */
public final class RunEnds {
    private static final int MAX_ERROR_MESSAGE = 8000;

    private RunEnds() {
    }

    /** A failed run's message, cut to what its column holds. */
    public static String truncate(String message) {
        return message == null || message.length() <= MAX_ERROR_MESSAGE ? message : message.substring(0, MAX_ERROR_MESSAGE);
    }

    /** The type of a run's final event. */
    static String endEventType(RunStatus status) {
        return (status == RunStatus.COMPLETED ? EventType.RUN_COMPLETED : EventType.RUN_FAILED).wireName();
    }

    /** The payload of a run's final event: the error, if it failed. */
    static String endEventData(ErrorCode code, String message) {
        return code == null ? null : EventData.runFailed(code.name(), message);
    }

    /** A run ends: its hooks' tokens are freed and their {@code hook_disposed} appended. */
    static void disposeAll(EntityManager em, RunEntity run, List<String> hookIds, Instant now) {
        if (hookIds.isEmpty()) {
            return;
        }
        new HookDao(em).deleteAll(run.runId);
        new EventLog(em).append(run.runId, run.appendStepEvents(hookIds.size()),
                hookIds.stream().map(id -> EventData.hookDisposed(id, now)).toList());
    }
}
