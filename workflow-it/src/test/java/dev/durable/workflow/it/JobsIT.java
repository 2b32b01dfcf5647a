package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bulk jobs (purgeRuns, cancelRuns, rerunRuns, startRuns) as Jakarta Batch jobs in the real server: submitted
 * through the REST API and through Liberty's batch management ({@code /ibm/api/batch}), checkpointed in the
 * job repository in the workflow database, restarted from their checkpoint. Each test selects only the runs
 * it created (createdAfter its own start), since the server is shared.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JobsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    Http http;
    Instant since;

    @BeforeEach
    void client() throws InterruptedException {
        http = new Http(base.toExternalForm().replaceAll("/+$", "") + "/api");
        since = Instant.now();
        Thread.sleep(5); // runs created before this test are strictly before `since`
    }

    @Test
    void purgeDeletesTheSelectedTerminalRunsWithTheirEventsAndLeavesLiveOnesAlone() {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            done.add(http.start("{\"workflowName\":\"addTen\",\"args\":[" + i + "]}"));
        }
        String sleeping = http.start("{\"workflowName\":\"sleeping\",\"args\":[\"1h\"]}");
        for (String id : done) {
            assertEquals("completed", http.awaitTerminal(id, WAIT).getString("status"));
        }

        JsonObject job = finished(submit("purge", "{\"olderThanDays\":0,\"createdAfter\":\"" + since + "\",\"chunkSize\":2}"));
        assertEquals("COMPLETED", job.getString("status"), job.toString());
        assertEquals(5, job.getInt("written"), "the five completed runs, not the sleeping one: " + job);
        for (String id : done) {
            assertEquals(404, http.get("/runs/" + id).statusCode(), "purged: " + id);
            assertEquals(404, http.get("/runs/" + id + "/events").statusCode(), "its events too: " + id);
        }
        assertEquals("running", Http.json(http.get("/runs/" + sleeping)).getString("status"));
        http.post("/runs/" + sleeping + "/cancel", "{}");

        HttpResponse<String> listed = http.get("/jobs");
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(Http.json(listed).getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .anyMatch(j -> j.getJsonNumber("executionId").longValue() == job.getJsonNumber("executionId").longValue()));
    }

    @Test
    void cancelAndRerunTakeTheRunsTheFilterSelectsAndRerunNoneTwice() {
        List<String> sleepers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sleepers.add(http.start("{\"workflowName\":\"sleeping\",\"args\":[\"1h\"]}"));
        }
        for (String id : sleepers) {
            http.awaitRun(id, WAIT, run -> run.getString("status").equals("running"));
        }
        JsonObject cancel = finished(submit("cancel", "{\"workflowName\":\"sleeping\",\"createdAfter\":\"" + since
                + "\",\"reason\":\"closing the shop\"}"));
        assertEquals("COMPLETED", cancel.getString("status"), cancel.toString());
        for (String id : sleepers) {
            JsonObject run = Http.json(http.get("/runs/" + id));
            assertEquals("cancelled", run.getString("status"), run.toString());
        }

        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failed.add(http.start("{\"workflowName\":\"failing\",\"args\":[\"boom " + i + "\"]}"));
        }
        for (String id : failed) {
            assertEquals("failed", http.awaitTerminal(id, WAIT).getString("status"));
        }
        // no status filter: every terminal failing run since the test began, the re-runs it starts excluded
        JsonObject rerun = finished(submit("rerun", "{\"workflowName\":\"failing\",\"createdAfter\":\"" + since
                + "\",\"chunkSize\":1}"));
        assertEquals("COMPLETED", rerun.getString("status"), rerun.toString());
        assertEquals(3, rerun.getInt("written"), rerun.toString());
        for (String id : failed) {
            HttpResponse<String> reruns = http.get("/runs?rerunOf=" + id);
            assertEquals(1, Http.json(reruns).getJsonArray("data").size(), "one re-run of " + id + ": " + reruns.body());
        }
    }

    @Test
    void startRunsStartsOneRunPerLineAndARestartAfterABadLineStartsNoLineTwice() throws Exception {
        Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "start-runs-", ".jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            lines.add(i == 17 ? "{\"not\": \"an array\"}" : "[" + (1000 + i) + "]");
        }
        lines.add(5, ""); // blank lines are skipped
        Files.write(file, lines);

        JsonObject failed = finished(submit("start", "{\"workflowName\":\"addTen\",\"inputFile\":\"" + file
                + "\",\"chunkSize\":10}"));
        assertEquals("FAILED", failed.getString("status"), "line 19 (the 18th run) is not an array: " + failed);
        assertEquals(10, countRuns(), "the first chunk committed, the second rolled back");

        lines.set(18, "[1017]");
        Files.write(file, lines);
        HttpResponse<String> restarted = http.post("/jobs/" + failed.getJsonNumber("executionId") + "/restart", "");
        assertEquals(202, restarted.statusCode(), restarted.body());
        JsonObject done = finished(restarted);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(failed.getJsonNumber("instanceId"), done.getJsonNumber("instanceId"));
        assertEquals(25, countRuns(), "every line once, none twice");
        Set<Integer> inputs = new HashSet<>();
        for (JsonValue run : Http.json(http.get("/runs?workflowName=addTen&since=" + since + "&limit=100")).getJsonArray("data")) {
            inputs.add(run.asJsonObject().getJsonArray("input").getInt(0));
        }
        assertEquals(25, inputs.size(), inputs.toString());
        assertProblem(http.post("/jobs/" + done.getJsonNumber("executionId") + "/restart", ""), 409);
    }

    @Test
    void aJobSubmittedThroughLibertysBatchManagementRunsAndIsListedThere() throws Exception {
        String runId = http.start("{\"workflowName\":\"addTen\",\"args\":[1]}");
        http.awaitTerminal(runId, WAIT);
        Http batch = new Http(Http.httpsOrigin(base) + "/ibm/api/batch");
        HttpResponse<String> submitted = batch.post("/jobinstances", "{\"applicationName\":\"workflow\","
                + "\"moduleName\":\"workflow-ejb.jar\",\"componentName\":\"WorkflowJobsBean\",\"jobXMLName\":\"purgeRuns\","
                + "\"jobParameters\":{\"olderThanDays\":\"0\",\"workflowName\":\"addTen\",\"createdAfter\":\"" + since + "\"}}");
        assertEquals(201, submitted.statusCode(), submitted.body());
        long instance = Http.json(submitted).getJsonNumber("instanceId").longValue();
        long deadline = System.nanoTime() + WAIT.toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            state = Http.json(batch.get("/jobinstances/" + instance)).getString("instanceState");
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("COMPLETED", state);
        assertEquals(404, http.get("/runs/" + runId).statusCode(), "purged by the job from batch management");
        HttpResponse<String> listed = batch.get("/jobinstances?jobName=purgeRuns");
        assertEquals(200, listed.statusCode(), listed.body());
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(listed.body()))) {
            assertTrue(reader.readArray().stream().map(JsonValue::asJsonObject)
                    .anyMatch(j -> j.getJsonNumber("instanceId").longValue() == instance), listed.body());
        }
    }

    @Test
    void wrongJobsAndParametersAreProblems() {
        assertProblem(submit("purge", "{}"), 400);
        assertProblem(submit("purge", "{\"olderThanDays\":-1}"), 400);
        assertProblem(submit("purge", "{\"olderThanDays\":30,\"olderThan\":\"5\"}"), 400);
        assertProblem(submit("purge", "{\"olderThanDays\":30,\"status\":\"running\"}"), 400);
        assertProblem(submit("cancel", "{}"), 400);
        assertProblem(submit("cancel", "{\"createdAfter\":\"yesterday\"}"), 400);
        assertProblem(submit("rerun", "{\"status\":\"completed\",\"chunkSize\":0}"), 400);
        assertProblem(submit("start", "{\"workflowName\":\"addTen\"}"), 400);
        assertProblem(submit("purge", "[1]"), 400);
        assertProblem(http.post("/jobs/compact", "{}"), 404);
        assertProblem(http.get("/jobs/999999999"), 404);
        assertProblem(http.post("/jobs/999999999/stop", ""), 404);
        assertProblem(http.get("/jobs?limit=0"), 400);
    }

    private HttpResponse<String> submit(String job, String parameters) {
        return http.post("/jobs/" + job, parameters);
    }

    /** The job's execution once it has ended, polled through the REST API. */
    private JsonObject finished(HttpResponse<String> submitted) {
        assertEquals(202, submitted.statusCode(), submitted.body());
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject job = null;
        while (System.nanoTime() < deadline) {
            job = Http.json(http.get("/jobs/" + id));
            switch (job.getString("status")) {
                case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> {
                    return job;
                }
                default -> Http.sleep(100);
            }
        }
        throw new AssertionError("Job " + id + " did not end in " + WAIT + ": " + job);
    }

    private int countRuns() {
        return Http.json(http.get("/runs?workflowName=addTen&since=" + since + "&limit=100")).getJsonArray("data").size();
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.body());
    }
}
