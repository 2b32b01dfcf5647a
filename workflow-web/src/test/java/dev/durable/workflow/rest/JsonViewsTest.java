package dev.durable.workflow.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventInfo;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.Page;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepInfo;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.api.WorkflowInfo;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonViewsTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123Z");

    @Test
    void pendingRunHasEveryMemberWithNulls() {
        RunInfo run = new RunInfo("wrun_01", "userSignup", RunStatus.PENDING, null, "[\"a@b.c\",42]", null,
                null, null, T0, null, null);
        JsonObject json = JsonViews.run(run);

        assertEquals(Set.of("runId", "workflowName", "status", "deploymentId", "input", "output", "error",
                "createdAt", "startedAt", "completedAt", "parentRunId", "rerunOf"), json.keySet());
        assertEquals(JsonValue.NULL, json.get("parentRunId"));
        assertEquals(JsonValue.NULL, json.get("rerunOf"));
        assertEquals("pending", json.getString("status"));
        assertEquals(JsonValue.NULL, json.get("deploymentId"));
        assertEquals(JsonValue.NULL, json.get("output"));
        assertEquals(JsonValue.NULL, json.get("error"));
        assertEquals(JsonValue.NULL, json.get("startedAt"));
        assertEquals(JsonValue.NULL, json.get("completedAt"));
        assertEquals("2026-11-25T10:15:30.123Z", json.getString("createdAt"));
        // embedded as JSON, not as a string holding JSON
        assertEquals(JsonValue.ValueType.ARRAY, json.get("input").getValueType());
        assertEquals("a@b.c", json.getJsonArray("input").getString(0));
        assertEquals(42, json.getJsonArray("input").getInt(1));
        assertTrue(json.toString().contains("\"input\":[\"a@b.c\",42]"), json.toString());
        assertTrue(json.toString().contains("\"output\":null"), json.toString());
    }

    @Test
    void aChildRunAndARerunNameTheirRuns() {
        RunInfo run = new RunInfo("wrun_06", "w", RunStatus.PENDING, null, "[]", null, null, null, T0, null, null,
                "wrun_parent", "wrun_earlier");
        JsonObject json = JsonViews.run(run);
        assertEquals("wrun_parent", json.getString("parentRunId"));
        assertEquals("wrun_earlier", json.getString("rerunOf"));
    }

    @Test
    void failedAndCompletedRuns() {
        RunInfo failed = new RunInfo("wrun_02", "w", RunStatus.FAILED, "v2", "[]", null,
                ErrorCode.USER_ERROR, "boom", T0, T0, T0.plusSeconds(1));
        JsonObject json = JsonViews.run(failed);
        assertEquals("failed", json.getString("status"));
        assertEquals("v2", json.getString("deploymentId"));
        assertEquals("USER_ERROR", json.getJsonObject("error").getString("code"));
        assertEquals("boom", json.getJsonObject("error").getString("message"));
        assertEquals("2026-11-25T10:15:31.123Z", json.getString("completedAt"));

        RunInfo completed = new RunInfo("wrun_03", "w", RunStatus.COMPLETED, null, "[]",
                "{\"id\":\"u1\",\"n\":null}", null, null, T0, T0, T0);
        JsonObject out = JsonViews.run(completed).getJsonObject("output");
        assertEquals("u1", out.getString("id"));
        assertTrue(out.containsKey("n"));

        RunInfo stringResult = new RunInfo("wrun_04", "w", RunStatus.COMPLETED, null, "[]", "\"done\"",
                null, null, T0, T0, T0);
        assertEquals("done", JsonViews.run(stringResult).getString("output"));
    }

    @Test
    void unparseableStoredJsonIsShownAsAString() {
        RunInfo run = new RunInfo("wrun_05", "w", RunStatus.RUNNING, null, "[oops", null, null, null, T0, T0, null);
        assertEquals("[oops", JsonViews.run(run).getString("input"));
    }

    @Test
    void stepView() {
        StepInfo step = new StepInfo("step_01", "SignupSteps.createUser", StepStatus.FAILED, 4, "[\"x\"]", null,
                "java.lang.IllegalStateException", "no", T0, T0, T0, null);
        JsonObject json = JsonViews.step(step);
        assertEquals(Set.of("stepId", "stepName", "status", "attempt", "input", "output", "error",
                "createdAt", "startedAt", "completedAt", "retryAfter"), json.keySet());
        assertEquals("failed", json.getString("status"));
        assertEquals(4, json.getInt("attempt"));
        assertEquals("x", json.getJsonArray("input").getString(0));
        assertEquals(JsonValue.NULL, json.get("output"));
        assertEquals("java.lang.IllegalStateException", json.getJsonObject("error").getString("type"));
        assertEquals("no", json.getJsonObject("error").getString("message"));

        assertEquals(JsonValue.NULL, json.get("retryAfter"));

        StepInfo retrying = new StepInfo("step_02", "s", StepStatus.PENDING, 1, "[]", null, "E", "boom", T0, T0, null,
                T0.plusSeconds(1));
        assertEquals(T0.plusSeconds(1).toString(), JsonViews.step(retrying).getString("retryAfter"));
        StepInfo running = new StepInfo("step_03", "s", StepStatus.RUNNING, 1, "[]", null, null, null, T0, T0, null, null);
        assertEquals(JsonValue.NULL, JsonViews.step(running).get("error"));
    }

    @Test
    void eventView() {
        EventInfo event = new EventInfo("evnt_01", "wrun_01", EventType.STEP_COMPLETED, "step_01", T0, "{\"result\":7}");
        JsonObject json = JsonViews.event(event);
        assertEquals(Set.of("eventId", "eventType", "correlationId", "createdAt", "eventData"), json.keySet());
        assertEquals("step_completed", json.getString("eventType"));
        assertEquals(7, json.getJsonObject("eventData").getInt("result"));

        EventInfo bare = new EventInfo("evnt_02", "wrun_01", EventType.RUN_CREATED, null, T0, null);
        assertEquals(JsonValue.NULL, JsonViews.event(bare).get("correlationId"));
        assertEquals(JsonValue.NULL, JsonViews.event(bare).get("eventData"));
    }

    @Test
    void pageAndWorkflows() {
        Page<EventInfo> page = new Page<>(List.of(new EventInfo("evnt_01", "r", EventType.RUN_STARTED, null, T0, null)),
                null, false);
        JsonObject json = JsonViews.page(page, JsonViews::event);
        assertEquals(1, json.getJsonArray("data").size());
        assertEquals(JsonValue.NULL, json.get("cursor"));
        assertEquals(JsonValue.FALSE, json.get("hasMore"));

        JsonObject more = JsonViews.page(new Page<EventInfo>(List.of(), "abc", true), JsonViews::event);
        assertEquals("abc", more.getString("cursor"));
        assertEquals(JsonValue.TRUE, more.get("hasMore"));

        JsonObject workflows = JsonViews.workflows(List.of(
                new WorkflowInfo("userSignup", "com.example.UserSignup", List.of("java.lang.String"), "java.lang.String")));
        JsonObject w = workflows.getJsonArray("data").getJsonObject(0);
        assertEquals("userSignup", w.getString("name"));
        assertEquals("com.example.UserSignup", w.getString("className"));
        assertEquals("java.lang.String", w.getJsonArray("parameterTypes").getString(0));
        assertEquals("java.lang.String", w.getString("returnType"));
    }

    @Test
    void problemJson() {
        JsonObject json = Problem.of(404, "unknown-run", "Unknown run", "No run").toJson("/workflow/api/runs/x");
        assertEquals("urn:workflow:problem:unknown-run", json.getString("type"));
        assertEquals("Unknown run", json.getString("title"));
        assertEquals(404, json.getInt("status"));
        assertEquals("No run", json.getString("detail"));
        assertEquals("/workflow/api/runs/x", json.getString("instance"));

        Problem notAllowed = Problem.forStatus(405, null);
        assertEquals("urn:workflow:problem:method-not-allowed", notAllowed.type());
        assertEquals("Method Not Allowed", notAllowed.title());
        assertEquals("urn:workflow:problem:http-499", Problem.forStatus(499, "x").type());
    }
}
