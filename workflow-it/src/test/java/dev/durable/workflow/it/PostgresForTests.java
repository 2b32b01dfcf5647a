package dev.durable.workflow.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes sure the PostgreSQL that the {@code it-postgresql} tests' Liberty server ({@code wf-pg}) uses is
 * there before the first test class starts that server; registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}. Does nothing unless
 * {@code arquillian.launch=postgresql}.
 * <ul>
 *   <li>If nothing listens on 127.0.0.1:{@code it.pg.port} (a machine without PostgreSQL), it starts an
 *       embedded PostgreSQL (zonky, binaries from Maven Central) on that port with XA enabled, and stops
 *       it when the test run ends.</li>
 *   <li>If a PostgreSQL listens there, it fails fast unless XA is enabled
 *       ({@code max_prepared_transactions > 0}).</li>
 * </ul>
 * Either way it creates the database {@code it.pg.database} if it is missing.
 */
public class PostgresForTests implements LauncherSessionListener {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private EmbeddedPostgres embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!"postgresql".equals(System.getProperty("arquillian.launch"))) {
            return;
        }
        int port = Integer.getInteger("it.pg.port", 5432);
        String database = System.getProperty("it.pg.database", "workflow_it");
        if (listening(port)) {
            requireXa(port);
        } else {
            embedded = startEmbedded(port);
        }
        createDatabaseIfMissing(port, database);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("[PostgresForTests] could not stop the embedded PostgreSQL: " + e);
            }
            embedded = null;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static EmbeddedPostgres startEmbedded(int port) {
        System.out.println("[PostgresForTests] nothing listens on " + HOST + ":" + port
                + ": starting an embedded PostgreSQL there");
        long start = System.nanoTime();
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("max_prepared_transactions", "100") // XA data source
                    .start(); // also registers a shutdown hook that stops it
            System.out.printf("[PostgresForTests] embedded PostgreSQL ready on port %d in %d ms%n",
                    port, (System.nanoTime() - start) / 1_000_000);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL on port " + port, e);
        }
    }

    private static void requireXa(int port) {
        try (Connection c = connect(port, "postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW max_prepared_transactions")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                throw new IllegalStateException("The PostgreSQL on " + HOST + ":" + port
                        + " has max_prepared_transactions = 0, but the tests' XA data source needs it > 0."
                        + " Run `bash .ci/postgres.sh`, or set max_prepared_transactions = 100 and restart"
                        + " PostgreSQL.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot query the PostgreSQL on " + HOST + ":" + port
                    + " as user " + USER + ": " + e.getMessage(), e);
        }
    }

    private static void createDatabaseIfMissing(int port, String database) {
        try (Connection c = connect(port, "postgres"); Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                s.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                System.out.println("[PostgresForTests] created database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + database + " on "
                    + HOST + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + HOST + ":" + port + "/" + database, USER, PASSWORD);
    }
}
