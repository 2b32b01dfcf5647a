package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API as a client sees it, against the real server. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestApiIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base.toExternalForm().replaceAll("/+$", "") + "/api");
    }

    @Test
    void addTenCompletesWithFifteenAndThreeCompletedSteps() {
        HttpResponse<String> created = http.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[5]}");
        assertEquals(202, created.statusCode(), created.body());
        JsonObject run = Http.json(created);
        String runId = run.getString("runId");
        assertTrue(runId.startsWith("wrun_"), runId);
        assertEquals(http.uri("/runs/" + runId).toString(), created.headers().firstValue("Location").orElseThrow());

        JsonObject done = http.awaitTerminal(runId, WAIT);
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals(15, done.getInt("output"));
        assertEquals("[5]", done.get("input").toString());
        assertEquals(JsonValue.NULL, done.get("error"));
        assertNotNull(done.getString("startedAt"));
        assertNotNull(done.getString("completedAt"));

        JsonArray steps = Http.json(http.get("/runs/" + runId + "/steps")).getJsonArray("data");
        assertEquals(3, steps.size());
        int[] outputs = {7, 10, 15};
        for (int i = 0; i < 3; i++) {
            JsonObject step = steps.getJsonObject(i);
            assertEquals("MathSteps.add", step.getString("stepName"));
            assertEquals("completed", step.getString("status"));
            assertEquals(1, step.getInt("attempt"));
            assertEquals(outputs[i], step.getInt("output"));
            assertTrue(step.getString("stepId").startsWith("step_"));
        }

        JsonArray events = Http.json(http.get("/runs/" + runId + "/events")).getJsonArray("data");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.asJsonObject().getString("eventType")));
        assertEquals(List.of("run_created", "run_started",
                "step_created", "step_started", "step_completed",
                "step_created", "step_started", "step_completed",
                "step_created", "step_started", "step_completed",
                "run_completed"), types);
        events.forEach(e -> assertTrue(e.asJsonObject().getString("eventId").startsWith("evnt_")));
    }

    @Test
    void userSignupReturnsTheNewUsersId() {
        String runId = http.start("{\"workflowName\":\"userSignup\",\"args\":[\"ada@example.com\"],\"deploymentId\":\"v1\"}");
        JsonObject done = http.awaitTerminal(runId, WAIT);
        assertEquals("completed", done.getString("status"), done.toString());
        assertTrue(done.getString("output").startsWith("user_"));
        assertEquals("v1", done.getString("deploymentId"));
    }

    @Test
    void failingStepFailsTheRunWithUserErrorAndItsMessage() {
        String runId = http.start("{\"workflowName\":\"failing\",\"args\":[\"card declined\"]}");
        JsonObject done = http.awaitTerminal(runId, WAIT);
        assertEquals("failed", done.getString("status"));
        assertEquals("USER_ERROR", done.getJsonObject("error").getString("code"));
        assertEquals("card declined", done.getJsonObject("error").getString("message"));
        JsonObject step = Http.json(http.get("/runs/" + runId + "/steps")).getJsonArray("data").getJsonObject(0);
        assertEquals("failed", step.getString("status"));
        assertEquals("card declined", step.getJsonObject("error").getString("message"));
    }

    @Test
    void listsRunsNewestFirstWithFiltersAndCursor() {
        String tag = "list-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(http.start("{\"workflowName\":\"counting\",\"args\":[\"" + tag + i + "\",0,0]}"));
        }
        ids.forEach(id -> http.awaitTerminal(id, WAIT));
        JsonObject first = Http.json(http.get("/runs?workflowName=counting&status=completed&limit=2"));
        assertEquals(2, first.getJsonArray("data").size());
        assertTrue(first.getBoolean("hasMore"));
        assertEquals(ids.get(2), first.getJsonArray("data").getJsonObject(0).getString("runId"));
        assertEquals(ids.get(1), first.getJsonArray("data").getJsonObject(1).getString("runId"));
        JsonObject second = Http.json(http.get("/runs?workflowName=counting&status=completed&limit=2&cursor="
                + first.getString("cursor")));
        assertEquals(ids.get(0), second.getJsonArray("data").getJsonObject(0).getString("runId"));
        for (JsonValue v : Http.json(http.get("/runs?workflowName=addTen&limit=50")).getJsonArray("data")) {
            assertEquals("addTen", v.asJsonObject().getString("workflowName"));
        }
    }

    @Test
    void pagesThroughEvents() {
        String runId = http.start("{\"workflowName\":\"addTen\",\"args\":[1]}");
        http.awaitTerminal(runId, WAIT);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = Http.json(http.get("/runs/" + runId + "/events?limit=5" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.getJsonArray("data").forEach(e -> seen.add(e.asJsonObject().getString("eventId")));
            cursor = page.getBoolean("hasMore") ? page.getString("cursor") : null;
        } while (cursor != null);
        assertEquals(12, seen.size());
        assertEquals(12, new HashSet<>(seen).size());
    }

    @Test
    void theEngineIsReadyOnceItsQueueIsConsumed() {
        Http root = new Http(base.toExternalForm().replaceAll("/workflow/*$", ""));
        HttpResponse<String> ready = root.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject engine = Http.json(ready).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("workflow-engine")).findFirst().orElseThrow();
        assertEquals("UP", engine.getString("status"), ready.body());
    }

    @Test
    void listsRegisteredWorkflows() {
        JsonArray data = Http.json(http.get("/workflows")).getJsonArray("data");
        Set<String> names = new HashSet<>();
        data.forEach(w -> names.add(w.asJsonObject().getString("name")));
        assertTrue(names.containsAll(Set.of("userSignup", "addTen", "failing", "retryCounter", "fatalError", "sleeping",
                "parentChild", "counting", "echo")), names.toString());
    }

    @Test
    void cancellingATerminalRunIsAConflict() {
        String runId = http.start("{\"workflowName\":\"addTen\",\"args\":[1]}");
        http.awaitTerminal(runId, WAIT);
        assertProblem(http.post("/runs/" + runId + "/cancel", ""), 409);
    }

    @Test
    void cancellingARunningRunStopsIt() {
        String key = "cancel-" + UUID.randomUUID();
        String runId = http.start("{\"workflowName\":\"counting\",\"args\":[\"" + key + "\",50,200]}");
        http.awaitRun(runId, WAIT, run -> run.getString("status").equals("running"));
        HttpResponse<String> cancelled = http.post("/runs/" + runId + "/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", Http.json(cancelled).getString("status"));
        Http.sleep(1000);
        JsonObject run = Http.json(http.get("/runs/" + runId));
        assertEquals("cancelled", run.getString("status"));
        JsonArray events = Http.json(http.get("/runs/" + runId + "/events?limit=1000")).getJsonArray("data");
        assertEquals("run_cancelled", events.getJsonObject(events.size() - 1).getString("eventType"),
                "nothing is appended after the cancellation");
        int steps = Http.json(http.get("/runs/" + runId + "/steps?limit=1000")).getJsonArray("data").size();
        assertTrue(steps < 50, "the run stopped early, after " + steps + " steps");
    }

    @Test
    void wakeUpEndsASleepAndIsAConflictOnceTheRunHasEnded() {
        String runId = http.start("{\"workflowName\":\"sleeping\",\"args\":[\"1h\"]}");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!http.get("/runs/" + runId + "/events").body().contains("wait_created") && System.nanoTime() < deadline) {
            Http.sleep(20);
        }
        HttpResponse<String> woken = http.post("/runs/" + runId + "/wake-up", "");
        assertEquals(200, woken.statusCode(), woken.body());
        assertEquals(1, Http.json(woken).getInt("woken"));
        JsonObject done = http.awaitTerminal(runId, WAIT);
        assertEquals("completed", done.getString("status"));
        assertProblem(http.post("/runs/" + runId + "/wake-up", ""), 409);
        assertProblem(http.post("/runs/wrun_00000000000000000000000000/wake-up", ""), 404);
    }

    @Test
    void stepsShowAttemptsErrorsAndRetryTimes() {
        String runId = http.start("{\"workflowName\":\"retryCounter\"}");
        JsonObject done = http.awaitTerminal(runId, WAIT);
        assertEquals(3, done.getInt("output"));
        JsonObject step = Http.json(http.get("/runs/" + runId + "/steps")).getJsonArray("data").getJsonObject(0);
        assertEquals(3, step.getInt("attempt"));
        assertEquals("attempt 2 failed", step.getJsonObject("error").getString("message"));
        assertEquals(JsonValue.NULL, step.get("retryAfter"));
    }

    @Test
    void idempotencyKeyReturnsOneRunUnderConcurrentStarts() throws Exception {
        String body = "{\"workflowName\":\"addTen\",\"args\":[3],\"idempotencyKey\":\"order-" + UUID.randomUUID() + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> starts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                starts.add(() -> http.start(body));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(starts)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size(), ids.toString());
            assertEquals(13, http.awaitTerminal(ids.iterator().next(), WAIT).getInt("output"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIs409NamingTheKey() {
        String key = "order-" + UUID.randomUUID();
        String runId = http.start("{\"workflowName\":\"addTen\",\"args\":[3],\"idempotencyKey\":\"" + key + "\"}");
        assertEquals(runId, http.start("{\"workflowName\":\"addTen\",\"args\":[3],\"idempotencyKey\":\"" + key + "\"}"),
                "the same request under the key is the same run");
        for (String other : new String[] {"{\"workflowName\":\"addTen\",\"args\":[4],\"idempotencyKey\":\"" + key + "\"}",
                "{\"workflowName\":\"sleeping\",\"args\":[\"1s\"],\"idempotencyKey\":\"" + key + "\"}"}) {
            JsonObject p = assertProblem(http.post("/runs", other), 409);
            assertEquals("urn:workflow:problem:idempotency-conflict", p.getString("type"));
            assertTrue(p.getString("detail").contains(key) && p.getString("detail").contains(runId), p.toString());
        }
        assertEquals(1, Http.json(http.get("/runs?idempotencyKey=" + key)).getJsonArray("data").size());
    }

    @Test
    void anApprovalIsResumedOverRestAndItsHookIsListed() {
        String order = "rest-" + java.util.UUID.randomUUID();
        String runId = http.start("{\"workflowName\":\"approval\",\"args\":[\"" + order + "\"]}");
        String path = "/hooks/approval:" + order;
        JsonObject hook = null;
        for (int i = 0; i < 600 && hook == null; i++) {
            HttpResponse<String> r = http.get(path);
            if (r.statusCode() == 200) {
                hook = Http.json(r);
            } else {
                Http.sleep(20);
            }
        }
        assertNotNull(hook, "the hook appears");
        assertEquals(runId, hook.getString("runId"));
        assertEquals("active", hook.getString("status"));
        assertEquals(order, hook.getJsonObject("metadata").getString("orderId"));

        JsonObject invalid = assertProblem(http.post(path, "{\"approved\":true}"), 400);
        assertTrue(invalid.getJsonArray("violations").getString(0).startsWith("by: "), invalid.toString());
        assertProblem(http.post(path, "{\"approved\":"), 400);
        assertProblem(http.post("/hooks/no-such-token-" + order, "{\"approved\":true,\"by\":\"x\"}"), 404);
        assertProblem(http.get("/hooks/no-such-token-" + order), 404);

        HttpResponse<String> resumed = http.post(path, "{\"approved\":true,\"by\":\"ada\"}");
        assertEquals(202, resumed.statusCode(), resumed.body());
        assertEquals(runId, Http.json(resumed).getString("runId"));
        assertEquals(hook.getString("hookId"), Http.json(resumed).getString("hookId"));
        JsonObject done = http.awaitTerminal(runId, WAIT);
        assertEquals("approved by ada", done.getString("output"), done.toString());

        JsonObject listed = Http.json(http.get("/runs/" + runId + "/hooks")).getJsonArray("data").getJsonObject(0);
        assertEquals("disposed", listed.getString("status"));
        assertEquals(1, listed.getInt("received"));
        assertEquals("approval:" + order, listed.getString("token"));
        assertProblem(http.post(path, "{\"approved\":true,\"by\":\"late\"}"), 404);
    }

    @Test
    void aCancelRecordsItsReason() {
        String runId = http.start("{\"workflowName\":\"sleeping\",\"args\":[\"1h\"]}");
        HttpResponse<String> r = http.post("/runs/" + runId + "/cancel", "{\"reason\":\"no longer needed\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("cancelled", Http.json(r).getString("status"));
        String events = http.get("/runs/" + runId + "/events").body();
        assertTrue(events.contains("no longer needed"), events);
        assertProblem(http.post("/runs/" + runId + "/cancel", ""), 409);
        assertProblem(http.post("/runs/" + runId + "/cancel", "{\"reason\":"), 400);
    }

    @Test
    void aWebhookIsResumedByAnHttpRequestAnsweredTwoHundredTwoAndListedWithItsUrl() {
        String runId = http.start("{\"workflowName\":\"webhookEcho\"}");
        JsonObject hook = webhookOf(runId);
        assertEquals("webhook", hook.getString("kind"));
        String token = hook.getString("token");
        assertTrue(token.matches("[A-Za-z0-9_-]{24,}"), "random and URL-safe: " + token);
        assertTrue(hook.getString("url").endsWith("/webhooks/" + token), hook.toString());
        assertProblem(http.post("/hooks/" + token, "\"not like this\""), 404);

        HttpResponse<String> r = http.post("/webhooks/" + token, "{\"hello\":\"world\"}");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("", r.body());
        JsonObject done = http.awaitTerminal(runId, WAIT);
        assertEquals("{\"hello\":\"world\"}", done.getString("output"), done.toString());
        assertProblem(http.post("/webhooks/" + token, "{}"), 404);
        assertProblem(http.get("/webhooks/no-such-token"), 404);
    }

    @Test
    void aWebhookWithAFixedResponseAnswersWithIt() {
        String runId = http.start("{\"workflowName\":\"webhookFixed\"}");
        String token = webhookOf(runId).getString("token");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(http.uri("/webhooks/" + token + "?a=1&b=2"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("thanks", r.body());
        assertEquals("fixed", r.headers().firstValue("X-Answer").orElse(null));
        assertEquals("PUT?a=1&b=2", http.awaitTerminal(runId, WAIT).getString("output"));
    }

    @Test
    void aManualWebhookIsAnsweredByAStep() {
        String runId = http.start("{\"workflowName\":\"webhookReply\"}");
        String token = webhookOf(runId).getString("token");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(http.uri("/webhooks/" + token))
                .header("Content-Type", "text/plain").method("PATCH", HttpRequest.BodyPublishers.ofString("ping")));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonObject answer = Http.json(r);
        assertEquals(runId, answer.getString("runId"));
        assertEquals("PATCH", answer.getString("method"));
        assertEquals("ping", answer.getString("received"));
        assertEquals("PATCH", http.awaitTerminal(runId, WAIT).getString("output"));
    }

    @Test
    void aManualWebhookNobodyAnswersGetsA504Problem() {
        String runId = http.start("{\"workflowName\":\"webhookUnanswered\"}");
        String token = webhookOf(runId).getString("token");
        long start = System.nanoTime();
        JsonObject p = assertProblem(http.send(HttpRequest.newBuilder(http.uri("/webhooks/" + token)).DELETE()), 504);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 2500, "waited the configured 3 s, not " + millis + " ms");
        assertTrue(p.getString("detail").contains("did not answer"), p.toString());
        http.post("/runs/" + runId + "/cancel", "");
    }

    /** The run's first hook, once it has one. */
    private JsonObject webhookOf(String runId) {
        for (int i = 0; i < 1500; i++) {
            HttpResponse<String> r = http.get("/runs/" + runId + "/hooks");
            if (r.statusCode() == 200 && !Http.json(r).getJsonArray("data").isEmpty()) {
                return Http.json(r).getJsonArray("data").getJsonObject(0);
            }
            Http.sleep(20);
        }
        throw new AssertionError("run " + runId + " created no hook");
    }

    // ---- errors: every one is application/problem+json with a status and a readable detail ----

    @Test
    void unknownWorkflowIs404() {
        JsonObject p = assertProblem(http.post("/runs", "{\"workflowName\":\"noSuchFlow\"}"), 404);
        assertTrue(p.getString("detail").contains("noSuchFlow"));
    }

    @Test
    void unknownRunIs404Everywhere() {
        assertProblem(http.get("/runs/wrun_00000000000000000000000000"), 404);
        assertProblem(http.get("/runs/wrun_00000000000000000000000000/steps"), 404);
        assertProblem(http.get("/runs/wrun_00000000000000000000000000/events"), 404);
        assertProblem(http.post("/runs/wrun_00000000000000000000000000/cancel", ""), 404);
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(http.post("/runs", "{\"workflowName\": "), 400);
        assertProblem(http.post("/runs", "[1,2]"), 400);
        assertProblem(http.post("/runs", "{\"args\":[1]}"), 400);
        assertProblem(http.post("/runs", "{\"workflowName\":\"addTen\",\"args\":5}"), 400);
    }

    @Test
    void wrongArgumentsAre400() {
        JsonObject count = assertProblem(http.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[1,2]}"), 400);
        assertTrue(count.getString("detail").contains("Expected 1 argument"), count.toString());
        JsonObject type = assertProblem(http.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[\"five\"]}"), 400);
        assertTrue(type.getString("detail").contains("Argument 0 (n)"), type.toString());
        assertProblem(http.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[null]}"), 400);
    }

    @Test
    void rerunStartsALinkedRunOfTheSameWorkflowAndInput() {
        String key = "rerun-" + UUID.randomUUID();
        String first = http.start("{\"workflowName\":\"addTen\",\"args\":[2],\"deploymentId\":\"v7\",\"idempotencyKey\":\"" + key + "\"}");
        JsonObject original = http.awaitTerminal(first, WAIT);

        HttpResponse<String> r = http.post("/runs/" + first + "/rerun", "");
        assertEquals(202, r.statusCode(), r.body());
        String again = Http.json(r).getString("runId");
        assertEquals(http.uri("/runs/" + again).toString(), r.headers().firstValue("Location").orElseThrow());
        JsonObject rerun = http.awaitTerminal(again, WAIT);
        assertEquals("completed", rerun.getString("status"), rerun.toString());
        assertEquals(12, rerun.getInt("output"));
        assertEquals("[2]", rerun.get("input").toString());
        assertEquals("v7", rerun.getString("deploymentId"));
        assertEquals(first, rerun.getString("rerunOf"));
        assertEquals(JsonValue.NULL, original.get("rerunOf"));

        JsonArray reruns = Http.json(http.get("/runs?rerunOf=" + first)).getJsonArray("data");
        assertEquals(1, reruns.size(), reruns.toString());
        assertEquals(again, reruns.getJsonObject(0).getString("runId"));
        JsonArray byKey = Http.json(http.get("/runs?idempotencyKey=" + key)).getJsonArray("data");
        assertEquals(1, byKey.size(), "the re-run does not take the idempotency key: " + byKey);
        assertEquals(first, byKey.getJsonObject(0).getString("runId"));

        assertProblem(http.post("/runs/wrun_00000000000000000000000000/rerun", ""), 404);
    }

    @Test
    void runsAreFilteredByCreationTime() {
        String first = http.start("{\"workflowName\":\"addTen\",\"args\":[1]}");
        JsonObject a = http.awaitTerminal(first, WAIT);
        String second = http.start("{\"workflowName\":\"addTen\",\"args\":[1]}");
        JsonObject b = http.awaitTerminal(second, WAIT);
        String since = a.getString("createdAt");
        String until = b.getString("createdAt");

        List<String> window = ids(http.get("/runs?workflowName=addTen&since=" + since + "&until=" + until));
        assertTrue(window.contains(first), "since is inclusive: " + window);
        assertFalse(window.contains(second), "until is exclusive: " + window);
        List<String> after = ids(http.get("/runs?since=" + until));
        assertTrue(after.contains(second) && !after.contains(first), after.toString());

        JsonObject p = assertProblem(http.get("/runs?since=yesterday"), 400);
        assertTrue(p.getString("detail").contains("since must be an ISO-8601 instant"), p.toString());
        assertProblem(http.get("/runs?until=2026-13-01T00:00:00Z"), 400);
    }

    private static List<String> ids(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        List<String> ids = new ArrayList<>();
        Http.json(r).getJsonArray("data").forEach(v -> ids.add(v.asJsonObject().getString("runId")));
        return ids;
    }

    @Test
    void oversizedBodyIs413() {
        String big = "x".repeat(1024 * 1024 + 10);
        assertProblem(http.post("/runs", "{\"workflowName\":\"userSignup\",\"args\":[\"" + big + "\"]}"), 413);
    }

    @Test
    void badQueryParametersAre400() {
        assertProblem(http.get("/runs?limit=0"), 400);
        assertProblem(http.get("/runs?limit=1001"), 400);
        assertProblem(http.get("/runs?limit=abc"), 400);
        assertProblem(http.get("/runs?status=sleeping"), 400);
        assertProblem(http.get("/runs?cursor=%25%25%25"), 400);
    }

    @Test
    void wrongMediaTypeMethodAndPathAreProblems() {
        assertProblem(http.send(HttpRequest.newBuilder(http.uri("/runs")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("addTen"))), 415);
        assertProblem(http.send(HttpRequest.newBuilder(http.uri("/runs")).DELETE()), 405);
        assertProblem(http.get("/nothing-here"), 404);
    }

    private static JsonObject assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonObject p = Http.json(r);
        assertEquals(status, p.getInt("status"));
        assertFalse(p.getString("title").isBlank());
        assertFalse(p.getString("detail").isBlank());
        assertTrue(p.getString("type").startsWith("urn:workflow:problem:"), p.toString());
        assertFalse(r.body().contains("\tat "), "no stack trace in " + r.body());
        return p;
    }
}
