package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.it.fixtures.Executions;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A chaos test's workload: {@code counting} runs, whose steps append their index to a file that outlives
 * the server, so that the test can tell how far the workload got and which steps executed more than once.
 */
final class CountingWorkload {
    private final Http http;
    private final String batch = "chaos-" + UUID.randomUUID() + "-";
    /** run id → [key, steps] */
    private final Map<String, Object[]> runs = new LinkedHashMap<>();
    private int steps;

    CountingWorkload(Http http) {
        this.http = http;
    }

    /** Starts {@code count} runs of {@code stepsEach} steps that pause {@code pauseMillis} each. */
    CountingWorkload start(int count, int stepsEach, int pauseMillis) {
        for (int i = 0; i < count; i++) {
            String key = batch + runs.size();
            String runId = http.start("{\"workflowName\":\"counting\",\"args\":[\"" + key + "\"," + stepsEach + ","
                    + pauseMillis + "]}");
            runs.put(runId, new Object[] {key, stepsEach});
        }
        steps += count * stepsEach;
        return this;
    }

    /** How many steps the workload's runs have between them. */
    int steps() {
        return steps;
    }

    /** Step executions so far, from the files the steps append to (a re-executed step counts again). */
    int executions() {
        int n = 0;
        for (Object[] run : runs.values()) {
            n += lines((String) run[0]).size();
        }
        return n;
    }

    /** Waits until more than {@code than} steps have executed, or all have; answers when (nanoTime). */
    long awaitExecutionsAbove(int than, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int now = executions();
            if (now > than || now >= steps) {
                return System.nanoTime();
            }
            Http.sleep(100);
        }
        throw new AssertionError("no step executed in " + timeout + " (" + than + " of " + steps + ")");
    }

    /**
     * Every run completed and counted each of its steps once, each step saved once; a step executed more
     * than once only as often as a run may have had a step in flight at an interruption.
     */
    void assertAllCompletedOnce(Duration timeout, int interruptions) {
        for (Map.Entry<String, Object[]> e : runs.entrySet()) {
            String runId = e.getKey();
            int n = (Integer) e.getValue()[1];
            JsonObject run = http.awaitTerminal(runId, timeout);
            assertEquals("completed", run.getString("status"), run.toString());
            assertEquals(n, run.getInt("output"), "every step's result counted once: " + run);

            List<String> saved = completedStepIds(runId);
            assertEquals(n, saved.size(), "one saved step per step of " + runId);
            assertEquals(n, new HashSet<>(saved).size(), "no step of " + runId + " saved twice");

            Map<Integer, Integer> executed = new HashMap<>();
            lines((String) e.getValue()[0]).forEach(l -> executed.merge(Integer.parseInt(l), 1, Integer::sum));
            int repeats = 0;
            for (int i = 1; i <= n; i++) {
                int times = executed.getOrDefault(i, 0);
                assertTrue(times >= 1, "step " + i + " of " + runId + " executed");
                repeats += times - 1;
            }
            // a sequential run has one step in flight at a time: an interruption may repeat at most that one
            assertTrue(repeats <= interruptions, "only steps in flight at an interruption ran again, in "
                    + runId + ": " + repeats + " repeats " + executed);
        }
    }

    private List<String> completedStepIds(String runId) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> r = http.get("/runs/" + runId + "/steps?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, r.statusCode(), r.body());
            JsonObject page = Http.json(r);
            for (JsonValue v : page.getJsonArray("data")) {
                if (v.asJsonObject().getString("status").equals("completed")) {
                    ids.add(v.asJsonObject().getString("stepId"));
                }
            }
            cursor = page.getBoolean("hasMore") ? page.getString("cursor") : null;
        } while (cursor != null);
        return ids;
    }

    private static List<String> lines(String key) {
        Path log = Executions.logFile(key);
        try {
            return Files.exists(log) ? Files.readAllLines(log).stream().map(String::trim).filter(l -> !l.isEmpty()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
