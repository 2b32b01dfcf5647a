package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chaos in the database: every PostgreSQL backend of the server ({@code wf-health}, on a database of its
 * own) is terminated three times, at random moments, while 200 hundred-step runs execute. The deliveries
 * whose connections died roll back and come again on fresh connections; every run completes, each step
 * saved once, and a step executes again only if it was in flight when its connection was cut.
 */
class DatabaseChaosIT {
    private static final String DATABASE = "workflow_health";
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final int TERMINATIONS = 3;
    private static final LibertyServer SERVER = new LibertyServer("wf-health", 9184);

    @BeforeAll
    static void start() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
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
    void everyRunCompletesOnceThroughThreeTerminationsOfEveryDatabaseConnection() throws SQLException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        CountingWorkload workload = new CountingWorkload(SERVER.http()).start(200, 100, 10);

        List<String> report = new ArrayList<>();
        for (int round = 1; round <= TERMINATIONS; round++) {
            long delay = 300 + random.nextInt(1200);
            Http.sleep(delay);
            int before = workload.executions();
            assertTrue(before < workload.steps(), "the workload was still running at termination " + round
                    + " (seed " + seed + ")");
            long cut = System.nanoTime();
            int terminated = terminateBackends();
            int atCut = workload.executions();
            long resumed = workload.awaitExecutionsAbove(atCut + 10, WAIT);
            report.add(String.format("termination %d, %d ms in: %d backends ended at %d of %d steps executed;"
                    + " executing steps again %.2f s later", round, delay, terminated, atCut, workload.steps(),
                    (resumed - cut) / 1e9));
            assertTrue(terminated > 0, "the server had connections to end");
        }
        System.out.println("[DatabaseChaosIT] seed " + seed + "\n  " + String.join("\n  ", report));

        // a delivery may be cut at each termination, and may then repeat the one step it had in flight
        workload.assertAllCompletedOnce(WAIT, TERMINATIONS);
    }

    private static int terminateBackends() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = '" + DATABASE + "' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + Integer.getInteger("it.pg.port", 5432) + "/postgres",
                "postgres", "postgres");
    }
}
