package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The messaging engine is only the doorbell: while it is down, {@code start()} still accepts runs (their
 * rows are committed, their messages cannot be sent), and once it is back every run accepted meanwhile,
 * and every run that was asleep through the outage, completes. The engine runs on a server of its own
 * ({@code wf-me}, as in a cluster), which the test kills with SIGKILL and starts again; the workflow
 * server reaches it by {@code remoteServerAddress}, set by a configuration override.
 */
class MessagingOutageIT {
    private static final int ME_PORT = 7277;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final LibertyServer ENGINE = new LibertyServer("wf-me", 0);
    private static final LibertyServer SERVER = new LibertyServer("wf-crash", 9183);
    private static final Http HTTP = SERVER.http();
    private static final Http HEALTH = new Http("http://localhost:9183");
    private static final Path OVERRIDE = Path.of(System.getProperty("wlp.home", "target/liberty/wlp")).toAbsolutePath()
            .resolve("usr/servers/wf-crash/configDropins/overrides/remote-messaging-engine.xml");

    @BeforeAll
    static void startTheEngineThenTheServer() throws IOException {
        String remote = "<properties.wasJms remoteServerAddress=\"localhost:" + ME_PORT + ":BootstrapBasicMessaging\"/>";
        Files.createDirectories(OVERRIDE.getParent());
        Files.writeString(OVERRIDE, "<server>\n"
                + "    <jmsConnectionFactory id=\"workflow/ConnectionFactory\">" + remote + "</jmsConnectionFactory>\n"
                + "    <jmsActivationSpec id=\"workflow/RunListener\">" + remote + "</jmsActivationSpec>\n"
                + "</server>\n");
        ENGINE.startListeningOn(ME_PORT);
        SERVER.deploy(TestEar.build());
        SERVER.start();
    }

    @AfterAll
    static void stopBoth() throws IOException {
        Files.deleteIfExists(OVERRIDE);
        SERVER.stop();
        ENGINE.stop();
    }

    @Test
    void runsStartedWhileTheMessagingEngineIsDownCompleteOnceItIsBack() {
        // through the remote engine, as normal
        JsonObject before = HTTP.awaitTerminal(HTTP.start("{\"workflowName\":\"addTen\",\"args\":[0]}"), WAIT);
        assertEquals("completed", before.getString("status"), before.toString());
        // asleep across the outage: its wake-up is rung while the engine is down
        String sleeper = HTTP.start("{\"workflowName\":\"sleeping\",\"args\":[\"2s\"]}");
        awaitEvent(sleeper, "wait_created");

        ENGINE.kill();
        List<String> accepted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> response = HTTP.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[" + i + "]}");
            assertEquals(202, response.statusCode(), "accepted while the messaging engine is down: " + response.body());
            accepted.add(Http.json(response).getString("runId"));
        }
        Http.sleep(4000);
        for (String runId : accepted) {
            assertEquals("pending", Http.json(HTTP.get("/runs/" + runId)).getString("status"), "nothing executes it yet");
        }
        assertEquals("running", Http.json(HTTP.get("/runs/" + sleeper)).getString("status"), "its wake-up had no doorbell");
        HttpResponse<String> notReady = HEALTH.get("/health/ready");
        assertEquals(503, notReady.statusCode(), notReady.body());
        assertEquals("DOWN", check(notReady, "workflow-messaging").getString("status"), notReady.body());
        assertEquals("UP", check(notReady, "workflow-database").getString("status"), notReady.body());

        ENGINE.startListeningOn(ME_PORT);
        long back = System.nanoTime();
        for (int i = 0; i < accepted.size(); i++) {
            JsonObject run = HTTP.awaitTerminal(accepted.get(i), WAIT);
            assertEquals("completed", run.getString("status"), run.toString());
            assertEquals(i + 11, run.getInt("output"), run.toString());
        }
        JsonObject slept = HTTP.awaitTerminal(sleeper, WAIT);
        assertEquals("completed", slept.getString("status"), slept.toString());
        long afterBack = (System.nanoTime() - back) / 1_000_000;
        assertTrue(afterBack < 60_000, "all completed " + afterBack + " ms after the messaging engine was back");
        HttpResponse<String> ready = HEALTH.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", check(ready, "workflow-messaging").getString("status"), ready.body());
        // each ran once: started once, each of its three steps begun and saved once
        for (String runId : accepted) {
            List<String> types = eventTypes(runId);
            assertEquals(1, types.stream().filter("run_started"::equals).count(), types.toString());
            assertEquals(3, types.stream().filter("step_started"::equals).count(), types.toString());
            assertEquals(3, types.stream().filter("step_completed"::equals).count(), types.toString());
        }
    }

    private static JsonObject check(HttpResponse<String> health, String name) {
        return Http.json(health).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health.body()));
    }

    private static List<String> eventTypes(String runId) {
        return Http.json(HTTP.get("/runs/" + runId + "/events?limit=100")).getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().map(e -> e.getString("eventType")).toList();
    }

    private static void awaitEvent(String runId, String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!eventTypes(runId).contains(type)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Run " + runId + " has no " + type);
            }
            Http.sleep(100);
        }
    }
}
