package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bulk job survives a kill -9: {@code purgeRuns} over 30,000 runs (copies of a completed run, written
 * into {@code wf-health}'s PostgreSQL database) is killed with its server part-way; after the restart the
 * batch runtime reports the execution ended, a restart through the API resumes it from its last
 * checkpoint, and every selected run is gone, with its events.
 */
class JobKillIT {
    private static final String DATABASE = "workflow_health";
    private static final int RUNS = 30_000;
    private static final String PREFIX = "wrun_0KILLJOB";
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final LibertyServer SERVER = new LibertyServer("wf-health", 9184);
    private static final Http HTTP = SERVER.http();

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
            s.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
        }
        SERVER.deploy(TestEar.build());
        SERVER.start();
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    @Test
    void aPurgeKilledPartWayResumesFromItsCheckpointAfterARestart() throws SQLException {
        String template = HTTP.start("{\"workflowName\":\"addTen\",\"args\":[7]}");
        assertEquals("completed", HTTP.awaitTerminal(template, WAIT).getString("status"));
        int events = copy(template);

        HttpResponse<String> submitted = HTTP.post("/jobs/purge", "{\"olderThanDays\":0,\"workflowName\":\"addTen\"}");
        assertEquals(202, submitted.statusCode(), submitted.body());
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        long deadline = System.nanoTime() + WAIT.toNanos();
        int before = RUNS;
        while (before > RUNS - 1000 && System.nanoTime() < deadline) {
            Http.sleep(20);
            before = count("SELECT count(*) FROM wf_run WHERE run_id LIKE '" + PREFIX + "%'");
        }
        SERVER.kill();
        assertTrue(before > 0, "the purge was still under way at the kill: " + before + " runs left");
        SERVER.start();

        JsonObject killed = awaitEnded(id);
        assertTrue(List.of("FAILED", "STOPPED").contains(killed.getString("status")),
                "the killed execution is reported ended, not running: " + killed);
        int left = count("SELECT count(*) FROM wf_run WHERE run_id LIKE '" + PREFIX + "%'");
        assertTrue(left > 0 && left < RUNS, "chunks committed before the kill stay purged: " + left + " left");

        HttpResponse<String> restarted = HTTP.post("/jobs/" + id + "/restart", "");
        assertEquals(202, restarted.statusCode(), restarted.body());
        String again = restarted.headers().firstValue("Location").orElseThrow();
        JsonObject done = awaitEnded(again.substring(again.lastIndexOf('/') + 1));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(killed.getJsonNumber("instanceId"), done.getJsonNumber("instanceId"), "the same job instance");
        assertTrue(done.getInt("written") < RUNS, "the restart began at the checkpoint, not from the start: " + done);
        assertTrue(done.getInt("written") >= left, "the restart purged what was left: " + done + ", " + left + " left");
        System.out.printf("JobKillIT: killed with %d of %d runs left; after the restart execution %s was %s with %d left;"
                + " the restart (execution %s) purged %d%n", before, RUNS, id, killed.getString("status"), left,
                done.get("executionId"), done.getInt("written"));

        assertEquals(0, count("SELECT count(*) FROM wf_run WHERE run_id LIKE '" + PREFIX + "%'"), "every selected run purged");
        assertEquals(0, count("SELECT count(*) FROM wf_event WHERE run_id LIKE '" + PREFIX + "%'"),
                "with its " + events + " events each");
    }

    private static JsonObject awaitEnded(String executionId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject job = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.get("/jobs/" + executionId);
            if (r.statusCode() == 200) {
                job = Http.json(r);
                switch (job.getString("status")) {
                    case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> {
                        return job;
                    }
                    default -> { }
                }
            }
            Http.sleep(200);
        }
        throw new AssertionError("Job execution " + executionId + " did not end in " + WAIT + ": " + job);
    }

    /** Copies the run's row and events {@link #RUNS} times, in the database; answers its number of events. */
    private static int copy(String runId) throws SQLException {
        try (Connection c = connect(DATABASE)) {
            List<String> runColumns = columns(c, "wf_run");
            List<String> eventColumns = columns(c, "wf_event");
            String runSelect = String.join(", ", runColumns.stream().map(col -> switch (col) {
                case "run_id" -> "'" + PREFIX + "' || lpad(g::text, 10, '0')";
                case "idempotency_key" -> "NULL";
                default -> col;
            }).toList());
            String eventSelect = String.join(", ", eventColumns.stream().map(col -> switch (col) {
                case "run_id" -> "'" + PREFIX + "' || lpad(g::text, 10, '0')";
                case "event_id" -> "'evnt_0KILLJOB' || lpad(g::text, 10, '0') || lpad(seq::text, 4, '0')";
                default -> col;
            }).toList());
            try (PreparedStatement runs = c.prepareStatement("INSERT INTO wf_run (" + String.join(", ", runColumns)
                    + ") SELECT " + runSelect + " FROM wf_run, generate_series(1, " + RUNS + ") g WHERE run_id = ?");
                 PreparedStatement events = c.prepareStatement("INSERT INTO wf_event (" + String.join(", ", eventColumns)
                    + ") SELECT " + eventSelect + " FROM wf_event, generate_series(1, " + RUNS + ") g WHERE run_id = ?")) {
                runs.setString(1, runId);
                assertEquals(RUNS, runs.executeUpdate());
                events.setString(1, runId);
                int n = events.executeUpdate() / RUNS;
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE wf_run");
                    s.execute("ANALYZE wf_event");
                }
                return n;
            }
        }
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, "public", table, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
        }
        return names;
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = connect(DATABASE); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + Integer.getInteger("it.pg.port", 5432) + "/" + database,
                "postgres", "postgres");
    }
}
