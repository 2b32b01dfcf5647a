package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.cli.WorkflowCli;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code workflow} command against the real server: every command, as tables and as parsed {@code --json}. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CliIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    String api;
    Http http;

    record Result(int code, String out, String err) {
        JsonObject json() {
            return (JsonObject) parse(out);
        }

        @Override
        public String toString() {
            return "exit " + code + "\nout: " + out + "\nerr: " + err;
        }
    }

    @BeforeEach
    void server() {
        api = base.toExternalForm().replaceAll("/+$", "") + "/api";
        http = new Http(api);
    }

    @Test
    void startWaitsForTheResultAndInspectShowsTheRunItsStepsAndEvents() {
        Result started = cli("start", "addTen", "5", "--wait", "--json");
        assertEquals(0, started.code(), started.toString());
        JsonObject run = started.json();
        String runId = run.getString("runId");
        assertEquals("completed", run.getString("status"));
        assertEquals(15, run.getInt("output"));

        Result table = cli("inspect", "runs", "--workflow", "addTen", "--limit", "5");
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().startsWith("RUN"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith(runId) && l.contains("addTen") && l.contains("completed")),
                table.out());
        JsonObject page = cli("inspect", "runs", "--workflow", "addTen", "--status", "completed", "--since", "1h",
                "--limit", "1", "--json").json();
        assertEquals(1, page.getJsonArray("data").size());
        assertTrue(page.getBoolean("hasMore") || page.getJsonArray("data").getJsonObject(0).getString("runId").equals(runId));
        Result next = cli("inspect", "runs", "--workflow", "addTen", "--limit", "1", "--cursor", page.getString("cursor"), "--json");
        assertEquals(0, next.code(), next.toString());
        assertEquals(0, cli("inspect", "runs", "--until", "2020-01-01T00:00:00Z", "--json").json().getJsonArray("data").size());

        Result one = cli("inspect", "runs", runId);
        assertTrue(one.out().lines().anyMatch(l -> l.matches("output\\s+15")), one.out());
        assertEquals("completed", cli("inspect", "runs", runId, "--json").json().getString("status"));

        JsonArray steps = cli("inspect", "steps", runId, "--json").json().getJsonArray("data");
        assertEquals(3, steps.size());
        assertEquals("MathSteps.add", steps.getJsonObject(0).getString("stepName"));
        Result stepTable = cli("inspect", "steps", runId);
        assertEquals(4, stepTable.out().lines().count(), stepTable.out());
        JsonArray events = cli("inspect", "events", runId, "--json").json().getJsonArray("data");
        assertEquals("run_completed", events.getJsonObject(events.size() - 1).getString("eventType"));
        assertTrue(cli("inspect", "events", runId).out().contains("run_created"));
        JsonArray streams = cli("inspect", "streams", runId, "--json").json().getJsonArray("data");
        assertEquals("default", streams.getJsonObject(0).getString("name"));
        assertTrue(cli("inspect", "streams", runId).out().startsWith("NAME"));
    }

    @Test
    void sleepsWakeUpCancelAndRerun() {
        String runId = cli("start", "sleeping", "1h", "--json").json().getString("runId");
        JsonArray sleeps = eventually(() -> {
            JsonArray s = cli("inspect", "sleeps", runId, "--json").json().getJsonArray("data");
            return s.isEmpty() ? null : s;
        });
        assertEquals("waiting", sleeps.getJsonObject(0).getString("status"));
        assertTrue(cli("inspect", "sleeps", runId).out().contains("waiting"));

        Result woken = cli("wake-up", runId);
        assertEquals(0, woken.code(), woken.toString());
        assertEquals("Woke 1 sleep of " + runId, woken.out().strip());
        JsonObject done = http.awaitTerminal(runId, WAIT);
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals("completed", cli("inspect", "sleeps", runId, "--json").json().getJsonArray("data")
                .getJsonObject(0).getString("status"));

        String other = cli("start", "sleeping", "1h", "--json").json().getString("runId");
        Result cancelled = cli("cancel", other, "--reason", "from the CLI test");
        assertEquals(0, cancelled.code(), cancelled.toString());
        assertEquals("cancelled", http.awaitTerminal(other, WAIT).getString("status"));
        Result again = cli("cancel", other);
        assertEquals(1, again.code(), "an ended run is refused: " + again);
        assertTrue(again.err().startsWith("workflow: "), again.err());

        JsonObject rerun = cli("rerun", runId, "--json").json();
        assertEquals(runId, rerun.getString("rerunOf"));
        assertEquals("[\"1h\"]", rerun.get("input").toString());
        cli("cancel", rerun.getString("runId"));
    }

    @Test
    void jobsSubmitAPurgeWaitForItAndListIt() throws InterruptedException {
        java.time.Instant since = java.time.Instant.now();
        Thread.sleep(5);
        String runId = cli("start", "addTen", "1", "--json").json().getString("runId");
        assertEquals("completed", http.awaitTerminal(runId, WAIT).getString("status"));

        Result purge = cli("jobs", "submit", "purge", "-p", "olderThanDays=0", "-p", "workflowName=addTen",
                "-p", "createdAfter=" + since, "--wait");
        assertEquals(0, purge.code(), purge.toString());
        assertTrue(purge.out().matches("(?s).*Status\\s+COMPLETED.*Written\\s+1\\b.*"), purge.out());
        assertEquals(404, http.get("/runs/" + runId).statusCode(), "purged");

        Result list = cli("jobs");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().startsWith("EXECUTION"), list.out());
        assertTrue(list.out().contains("purgeRuns"), list.out());
        JsonObject latest = cli("jobs", "--json", "--limit", "1").json().getJsonArray("data").getJsonObject(0);
        assertEquals("purgeRuns", latest.getString("jobName"));
        Result shown = cli("jobs", "show", latest.getJsonNumber("executionId").toString(), "--json");
        assertEquals(latest.getJsonNumber("executionId"), shown.json().getJsonNumber("executionId"));

        Result refused = cli("jobs", "submit", "purge");
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.err().contains("olderThanDays"), refused.err());
    }

    @Test
    void resumeDeliversAnApprovalAndRefusesABadPayloadWithTheProblemsDetail() {
        String order = "order-" + UUID.randomUUID();
        String runId = cli("start", "approval", order, "--json").json().getString("runId");
        JsonArray hooks = eventually(() -> {
            JsonArray h = cli("inspect", "hooks", runId, "--json").json().getJsonArray("data");
            return h.isEmpty() ? null : h;
        });
        assertEquals("approval:" + order, hooks.getJsonObject(0).getString("token"));
        assertTrue(cli("inspect", "hooks", runId).out().contains("approval:" + order));

        Result refused = cli("resume", "approval:" + order, "{\"approved\":true}");
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.err().contains("by: must not be blank"), refused.err());
        Result notJson = cli("resume", "approval:" + order, "{approved");
        assertEquals(2, notJson.code(), notJson.toString());

        Result resumed = cli("resume", "approval:" + order, "{\"approved\":true,\"by\":\"ada\"}", "--json");
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals(runId, resumed.json().getString("runId"));
        assertEquals("approved by ada", http.awaitTerminal(runId, WAIT).getString("output"));
    }

    @Test
    void tailFollowsTheEventsAndAStreamToTheirEnd() {
        String runId = cli("start", "countdown", "5", "--json").json().getString("runId");
        Result chunks = cli("tail", runId, "--stream", "default");
        assertEquals(0, chunks.code(), chunks.toString());
        List<Integer> counted = new ArrayList<>();
        chunks.out().lines().forEach(l -> counted.add(((JsonObject) parse(l)).getInt("i")));
        assertEquals(List.of(5, 4, 3, 2, 1), counted);

        Result events = cli("tail", runId, "--json");
        assertEquals(0, events.code(), events.toString());
        List<String> types = events.out().lines().map(l -> ((JsonObject) parse(l)).getString("eventType")).toList();
        assertEquals("run_created", types.get(0));
        assertEquals("run_completed", types.get(types.size() - 1));
        assertTrue(cli("tail", runId).out().contains("step_completed"));
    }

    @Test
    void failuresHaveTheirExitCodes() {
        Result failed = cli("start", "failing", "card declined", "--wait");
        assertEquals(4, failed.code(), failed.toString());
        assertTrue(failed.out().contains("USER_ERROR: card declined"), failed.out());

        Result unknown = cli("start", "no-such-workflow");
        assertEquals(1, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("no-such-workflow"), unknown.err());
        Result noRun = cli("inspect", "runs", "wrun_00000000000000000000000000");
        assertEquals(1, noRun.code(), noRun.toString());
        assertEquals(2, cli("inspect", "runs", "--since", "yesterday").code());
        assertEquals(2, cli("launch").code());
    }

    private Result cli(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--url");
        all.add(api);
        all.addAll(List.of("--user", "dev", "--password", "dev"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private static JsonStructure parse(String text) {
        return Json.createReader(new StringReader(text)).read();
    }

    private static <T> T eventually(java.util.function.Supplier<T> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within " + WAIT);
    }
}
