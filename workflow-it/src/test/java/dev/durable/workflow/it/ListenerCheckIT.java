package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server whose message listener consumes nothing does not leave runs pending in silence: it logs what
 * to fix and refuses new runs with a 503 problem naming it. The listener is cut off by a configuration
 * override that points its activation specification at a messaging engine that does not exist;
 * removing the override and restarting mends it, and runs complete again.
 */
class ListenerCheckIT {
    private static final LibertyServer SERVER = new LibertyServer("wf-crash", 9183);
    private static final Http HTTP = SERVER.http();
    private static final Http HEALTH = new Http("http://localhost:9183");
    private static final Path SERVER_DIR = Path.of(System.getProperty("wlp.home", "target/liberty/wlp"))
            .toAbsolutePath().resolve("usr/servers/wf-crash");
    private static final Path OVERRIDE = SERVER_DIR.resolve("configDropins/overrides/unreachable-listener.xml");
    private static final String START = "{\"workflowName\":\"addTen\",\"args\":[1]}";

    @BeforeAll
    static void startWithAListenerThatCannotConnect() throws IOException {
        Files.createDirectories(OVERRIDE.getParent());
        Files.writeString(OVERRIDE, """
                <server>
                    <jmsActivationSpec id="workflow/RunListener">
                        <properties.wasJms remoteServerAddress="localhost:7299:BootstrapBasicMessaging"/>
                    </jmsActivationSpec>
                </server>
                """);
        SERVER.deploy(TestEar.build());
        SERVER.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        Files.deleteIfExists(OVERRIDE);
        SERVER.stop();
    }

    @Test
    void runsAreRefusedWithTheFixUntilTheQueueIsConsumedAgain() throws IOException {
        HttpResponse<String> refused = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            refused = HTTP.post("/runs", START);
            if (refused.statusCode() == 503) {
                break;
            }
            Http.sleep(500);
        }
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("30", refused.headers().firstValue("Retry-After").orElse(null));
        JsonObject problem = Http.json(refused);
        assertEquals("urn:workflow:problem:engine-unavailable", problem.getString("type"));
        assertTrue(problem.getString("detail").contains("workflow/RunListener"), problem.toString());
        String log = Files.readString(SERVER_DIR.resolve("logs/messages.log"));
        assertTrue(log.contains("Nothing has consumed the run queue"), "the fix is in the server's log");
        HttpResponse<String> notReady = HEALTH.get("/health/ready");
        assertEquals(503, notReady.statusCode(), notReady.body());
        JsonObject check = engineCheck(notReady);
        assertEquals("DOWN", check.getString("status"), check.toString());
        assertTrue(check.getJsonObject("data").getString("detail").contains("workflow/RunListener"), check.toString());

        // the configuration is mended and the server restarted: the listener reaches the server's own engine
        // (the engine accepting runs again within one life of the server is ListenerCheckTest's)
        Files.delete(OVERRIDE);
        SERVER.stop();
        SERVER.start();
        HttpResponse<String> accepted = HTTP.post("/runs", START);
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject run = HTTP.awaitTerminal(Http.json(accepted).getString("runId"), Duration.ofSeconds(60));
        assertEquals("completed", run.getString("status"), run.toString());
        // ready once the first recovery round since the restart has also completed
        HttpResponse<String> ready = HEALTH.get("/health/ready");
        for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                ready.statusCode() != 200 && System.nanoTime() < until; ready = HEALTH.get("/health/ready")) {
            Http.sleep(250);
        }
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", engineCheck(ready).getString("status"));
    }

    /** The engine's check in a health answer. */
    private static JsonObject engineCheck(HttpResponse<String> health) {
        return Http.json(health).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("workflow-engine")).findFirst()
                .orElseThrow(() -> new AssertionError("no workflow-engine check in " + health.body()));
    }
}
