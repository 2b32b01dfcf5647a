package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.it.fixtures.Executions;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when the server dies: runs are killed (SIGKILL) or stopped in the middle and resume
 * from their logs after a restart; a step whose result was saved never executes again.
 */
class CrashRecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final LibertyServer SERVER = new LibertyServer("wf-crash", 9183);
    private static final Http HTTP = SERVER.http();

    @BeforeAll
    static void startServer() {
        SERVER.deploy(TestEar.build());
        SERVER.start();
    }

    @AfterAll
    static void stopServer() {
        SERVER.stop();
    }

    @Test
    void aKilledServerResumesTheRunWithoutRepeatingSavedSteps() throws IOException {
        interruptARun(SERVER::kill);
    }

    @Test
    void aStoppedServerResumesTheRunWithoutRepeatingSavedSteps() throws IOException {
        interruptARun(SERVER::stop);
    }

    private void interruptARun(Runnable interruption) throws IOException {
        String key = "crash-" + UUID.randomUUID();
        int steps = 8;
        String runId = HTTP.start("{\"workflowName\":\"counting\",\"args\":[\"" + key + "\"," + steps + ",600]}");
        long deadline = System.nanoTime() + WAIT.toNanos();
        int savedBefore = 0;
        while (savedBefore < 3 && System.nanoTime() < deadline) {
            Http.sleep(50);
            savedBefore = completedSteps(runId).size();
        }
        assertTrue(savedBefore >= 3, "three steps were saved before the interruption");

        interruption.run();
        SERVER.start();

        JsonObject run = HTTP.awaitTerminal(runId, WAIT);
        assertEquals("completed", run.getString("status"), run.toString());
        assertEquals(steps, run.getInt("output"));

        Map<Integer, Integer> executions = executions(key);
        int repeats = 0;
        for (int i = 1; i <= steps; i++) {
            int n = executions.getOrDefault(i, 0);
            assertTrue(n >= 1, "step " + i + " executed");
            if (i <= savedBefore) {
                assertEquals(1, n, "step " + i + " was saved before the interruption and must not run again");
            }
            repeats += n - 1;
        }
        assertTrue(repeats <= 1, "only the step in flight at the interruption may run twice: " + executions);

        List<JsonObject> saved = completedSteps(runId);
        assertEquals(steps, saved.size());
        Set<String> ids = new HashSet<>();
        saved.forEach(s -> ids.add(s.getString("stepId")));
        assertEquals(steps, ids.size(), "one saved result per step");
    }

    @Test
    void everyAcceptedRunCompletesWhenTheServerIsKilledUnderLoad() {
        List<String> accepted = new ArrayList<>();
        AtomicBoolean go = new AtomicBoolean(true);
        Thread starter = new Thread(() -> {
            while (go.get()) {
                try {
                    HttpResponse<String> r = HTTP.post("/runs",
                            "{\"workflowName\":\"counting\",\"args\":[\"load-" + UUID.randomUUID() + "\",5,20]}");
                    if (r.statusCode() == 202) {
                        synchronized (accepted) {
                            accepted.add(Http.json(r).getString("runId"));
                        }
                    }
                } catch (IllegalStateException serverDown) {
                    return;
                }
            }
        });
        starter.start();
        Http.sleep(3000);
        SERVER.kill();
        go.set(false);
        try {
            starter.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SERVER.start();
        List<String> runs;
        synchronized (accepted) {
            runs = List.copyOf(accepted);
        }
        assertTrue(runs.size() >= 10, "runs were accepted before the kill: " + runs.size());
        for (String runId : runs) {
            JsonObject run = HTTP.awaitTerminal(runId, WAIT);
            assertEquals("completed", run.getString("status"), run.toString());
            assertEquals(5, run.getInt("output"));
        }
    }

    @Test
    void aSleepSurvivesAKillAndResumesOnTime() {
        String runId = HTTP.start("{\"workflowName\":\"sleeping\",\"args\":[\"6s\"]}");
        awaitEvent(runId, "wait_created");
        SERVER.kill();
        SERVER.start();
        JsonObject run = HTTP.awaitTerminal(runId, WAIT);
        assertEquals("completed", run.getString("status"), run.toString());
        assertTrue(run.getInt("output") >= 6000, "slept " + run.getInt("output") + " ms");
    }

    @Test
    void aSleepThatEndedWhileTheServerWasDownResumesPromptlyAfterStart() {
        String runId = HTTP.start("{\"workflowName\":\"sleeping\",\"args\":[\"2s\"]}");
        awaitEvent(runId, "wait_created");
        SERVER.kill();
        Http.sleep(4000);
        SERVER.start();
        long restarted = System.nanoTime();
        JsonObject run = HTTP.awaitTerminal(runId, WAIT);
        assertEquals("completed", run.getString("status"), run.toString());
        long afterStart = (System.nanoTime() - restarted) / 1_000_000;
        assertTrue(afterStart < 15_000, "resumed " + afterStart + " ms after the server was ready");
    }

    @Test
    void aHookWaitSurvivesAKillAndIsResumedAfterTheRestart() {
        String order = "crash-" + UUID.randomUUID();
        String runId = HTTP.start("{\"workflowName\":\"approval\",\"args\":[\"" + order + "\"]}");
        awaitEvent(runId, "hook_created");
        SERVER.kill();
        SERVER.start();
        var resumed = HTTP.post("/hooks/approval:" + order, "{\"approved\":true,\"by\":\"after the restart\"}");
        assertEquals(202, resumed.statusCode(), resumed.body());
        JsonObject run = HTTP.awaitTerminal(runId, WAIT);
        assertEquals("approved by after the restart", run.getString("output"), run.toString());
    }

    @Test
    void aResumeAcceptedJustBeforeAKillIsNotLost() {
        String order = "crash-" + UUID.randomUUID();
        String runId = HTTP.start("{\"workflowName\":\"approval\",\"args\":[\"" + order + "\"]}");
        awaitEvent(runId, "hook_created");
        var resumed = HTTP.post("/hooks/approval:" + order, "{\"approved\":false,\"by\":\"before the kill\"}");
        assertEquals(202, resumed.statusCode(), resumed.body());
        SERVER.kill();
        SERVER.start();
        JsonObject run = HTTP.awaitTerminal(runId, WAIT);
        assertEquals("rejected by before the kill", run.getString("output"), run.toString());
        assertEquals(1, countEvents(runId, "hook_received"), "the payload was recorded once");
    }

    @Test
    void aRetryDelaySurvivesAKill() {
        String runId = HTTP.start("{\"workflowName\":\"retryCounter\"}");
        awaitEvent(runId, "step_retrying");
        SERVER.kill();
        SERVER.start();
        JsonObject run = HTTP.awaitTerminal(runId, WAIT);
        assertEquals("completed", run.getString("status"), run.toString());
        assertEquals(3, run.getInt("output"));
    }

    @Test
    void parallelStepsInFlightSurviveAKill() {
        String runId = HTTP.start("{\"workflowName\":\"parallelSum\",\"args\":[300]}");
        awaitEvent(runId, "step_completed");
        SERVER.kill();
        SERVER.start();
        JsonObject run = HTTP.awaitTerminal(runId, WAIT);
        assertEquals("completed", run.getString("status"), run.toString());
        assertEquals(300 * 301 / 2, run.getInt("output"));
    }

    @Test
    void chunksWrittenBeforeAKillStayAndTheStreamClosesWhenTheRunCompletes() {
        int n = 40;
        String runId = HTTP.start("{\"workflowName\":\"countdown\",\"args\":[" + n + "]}");
        List<Integer> before = List.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (before.size() < 10 && System.nanoTime() < deadline) {
            Http.sleep(50);
            HttpResponse<String> page = HTTP.get("/runs/" + runId + "/streams/default?limit=1000");
            before = page.statusCode() == 200 ? countdownValues(Http.json(page)) : List.of();
        }
        assertTrue(before.size() >= 10, "ten chunks were written before the kill: " + before);
        SERVER.kill();
        SERVER.start();
        JsonObject run = HTTP.awaitTerminal(runId, WAIT);
        assertEquals("completed", run.getString("status"), run.toString());

        JsonObject page = Http.json(HTTP.get("/runs/" + runId + "/streams/default?limit=1000"));
        assertTrue(page.getBoolean("closed"), page.toString());
        JsonArray data = page.getJsonArray("data");
        for (int i = 0; i < data.size(); i++) {
            assertEquals(i, data.getJsonObject(i).getInt("index"), "indexes have no gap: " + page);
        }
        List<Integer> after = countdownValues(page);
        assertEquals(before, after.subList(0, before.size()), "what readers saw before the kill stays");
        // the step in flight ran again from the start: the killed attempt's chunks stay, the new one's follow
        List<Integer> full = new ArrayList<>();
        for (int k = n; k >= 1; k--) {
            full.add(k);
        }
        assertEquals(full, after.subList(after.size() - n, after.size()), after.toString());
        assertTrue(after.size() < 2 * n, "one attempt was cut off: " + after);
    }

    private static List<Integer> countdownValues(JsonObject page) {
        List<Integer> values = new ArrayList<>();
        page.getJsonArray("data").forEach(v -> values.add(v.asJsonObject().getJsonObject("data").getInt("i")));
        return values;
    }

    private static void awaitEvent(String runId, String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.get("/runs/" + runId + "/events?limit=1000");
            if (r.statusCode() == 200 && r.body().contains("\"" + type + "\"")) {
                return;
            }
            Http.sleep(50);
        }
        throw new AssertionError("no " + type + " event in run " + runId);
    }

    private static long countEvents(String runId, String type) {
        JsonArray data = Http.json(HTTP.get("/runs/" + runId + "/events?limit=1000")).getJsonArray("data");
        return data.stream().filter(v -> v.asJsonObject().getString("eventType").equals(type)).count();
    }

    private static List<JsonObject> completedSteps(String runId) {
        HttpResponse<String> r = HTTP.get("/runs/" + runId + "/steps?limit=1000");
        List<JsonObject> done = new ArrayList<>();
        if (r.statusCode() != 200) {
            return done;
        }
        JsonArray data = Http.json(r).getJsonArray("data");
        for (JsonValue v : data) {
            if (v.asJsonObject().getString("status").equals("completed")) {
                done.add(v.asJsonObject());
            }
        }
        return done;
    }

    private static Map<Integer, Integer> executions(String key) throws IOException {
        Path log = Executions.logFile(key);
        Map<Integer, Integer> counts = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank()) {
                counts.merge(Integer.parseInt(line.trim()), 1, Integer::sum);
            }
        }
        return counts;
    }
}
