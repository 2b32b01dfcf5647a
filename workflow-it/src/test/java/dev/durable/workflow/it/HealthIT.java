package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Health against a real outage: the server {@code wf-health} runs on a PostgreSQL database of
 * its own, which the test closes to every connection (new ones refused, the pool's terminated) and opens
 * again. Readiness goes down naming the database and comes back; liveness stays up meanwhile, since
 * restarting the server would not bring the database back. After a kill -9, readiness reports what the
 * restart recovered.
 */
class HealthIT {
    private static final String DATABASE = "workflow_health";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final LibertyServer SERVER = new LibertyServer("wf-health", 9184);
    private static final Http HTTP = SERVER.http();
    private static final Http ROOT = new Http("http://localhost:9184");

    @BeforeAll
    static void start() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            s.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true"); // an earlier run may have stopped half-way
        }
        SERVER.deploy(TestEar.build());
        SERVER.start();
    }

    @AfterAll
    static void stop() throws SQLException {
        openTheDatabase();
        SERVER.stop();
    }

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() throws SQLException {
        String key = "outage-" + UUID.randomUUID();
        JsonObject ready = awaitReadiness(200);
        for (String name : new String[] {"workflow-engine", "workflow-database", "workflow-messaging", "workflow-recovery"}) {
            assertEquals("UP", check(ready, name).getString("status"), ready.toString());
        }
        assertEquals(200, ROOT.get("/health/live").statusCode());

        closeTheDatabase();
        try {
            JsonObject down = awaitReadiness(503);
            JsonObject database = check(down, "workflow-database");
            assertEquals("DOWN", database.getString("status"), down.toString());
            assertTrue(database.getJsonObject("data").getString("detail").contains("jdbc/workflow"), database.toString());
            assertEquals("UP", check(down, "workflow-messaging").getString("status"), "only the database is down: " + down);
            HttpResponse<String> live = ROOT.get("/health/live");
            assertEquals(200, live.statusCode(), "a restart would not bring the database back: " + live.body());
            // the API says so too: 503 with Retry-After, a problem and no stack, and nothing written
            for (HttpResponse<String> refused : List.of(
                    HTTP.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[1],\"idempotencyKey\":\"" + key + "\"}"),
                    HTTP.get("/runs?limit=5"))) {
                assertEquals(503, refused.statusCode(), refused.body());
                assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().map().toString());
                assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse("").split(";")[0]);
                assertEquals("urn:workflow:problem:database-unavailable", Http.json(refused).getString("type"), refused.body());
                assertFalse(refused.body().contains("\tat ") || refused.body().contains("SQLException"), refused.body());
            }
        } finally {
            openTheDatabase();
        }

        JsonObject back = awaitReadiness(200);
        assertEquals("UP", check(back, "workflow-database").getString("status"), back.toString());
        assertEquals(0, Http.json(HTTP.get("/runs?idempotencyKey=" + key)).getJsonArray("data").size(),
                "the refused start wrote nothing");
        JsonObject run = HTTP.awaitTerminal(HTTP.start("{\"workflowName\":\"addTen\",\"args\":[1]}"), WAIT);
        assertEquals("completed", run.getString("status"), run.toString());
    }

    @Test
    void afterAKillReadinessReportsWhatTheRestartRecovered() {
        String runId = HTTP.start("{\"workflowName\":\"counting\",\"args\":[\"health-" + UUID.randomUUID() + "\",6,600]}");
        HTTP.awaitRun(runId, WAIT, r -> "running".equals(r.getString("status")));
        Http.sleep(300); // inside a step: the run's lease is held
        SERVER.kill();
        SERVER.start();

        JsonObject ready = awaitReadiness(200);
        JsonObject recovery = check(ready, "workflow-recovery");
        assertEquals("UP", recovery.getString("status"), recovery.toString());
        JsonObject data = recovery.getJsonObject("data");
        assertTrue(data.getJsonNumber("freedLeases").longValue() >= 1, "the killed life's lease was freed: " + recovery);
        assertTrue(data.getJsonNumber("rounds").longValue() >= 1, recovery.toString());
        assertTrue(data.containsKey("lastRoundAt"), recovery.toString());
        JsonObject run = HTTP.awaitTerminal(runId, WAIT);
        assertEquals("completed", run.getString("status"), run.toString());
    }

    private static JsonObject awaitReadiness(int status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = ROOT.get("/health/ready");
            if (last.statusCode() == status) {
                return Http.json(last);
            }
            Http.sleep(500);
        }
        throw new AssertionError("readiness did not answer " + status + " in " + WAIT + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    /** New connections to the database refused, and the server's pooled ones ended. */
    private static void closeTheDatabase() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
        }
    }

    private static void openTheDatabase() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + Integer.getInteger("it.pg.port", 5432) + "/" + database,
                "postgres", "postgres");
    }
}
