package dev.durable.workflow.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Commits that need not wait for the disk: on PostgreSQL, {@code synchronous_commit} off for the current
 * transaction (elsewhere nothing changes). The commit is visible to every other transaction at once, as
 * any commit; only a crash of the database within a fraction of a second can undo it. That is safe for
 * writes that no one relies on beyond the database's life: taking a lease, beginning a parallel step's
 * attempt. Should such a write be undone, so is everything after it that was not yet on disk, since the
 * log is written in order; the work that relied on it then fails at its next (fenced) write and is done
 * again, as after any crash.
 */
final class LazyCommit {
    private LazyCommit() {
    }

    /** Lets the current transaction of {@code c}, a PostgreSQL connection, commit without waiting for the disk. */
    static void allow(Connection c) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit TO OFF");
        }
    }

    /** Whether {@code c} is a PostgreSQL connection. */
    static boolean supported(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
    }
}
