package dev.durable.workflow.store;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.Event;
import dev.durable.workflow.engine.Ids;
import dev.durable.workflow.engine.Journal;
import dev.durable.workflow.engine.LoadedRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The journal of one delivery. A step's outcome, the write every step makes, goes over one JDBC
 * connection that the delivery keeps, with its statements prepared once, in a local transaction of its
 * own: the fenced {@code UPDATE} of the run's row, the events as one batch, the commit. That is the
 * same fence and the same rows as {@link RunStore#append}, without a JTA transaction (it touches only the
 * database) and without JPA's unit of work. Whatever the fast path cannot decide (others appended
 * meanwhile, the fence may be lost) and every other write go to the {@link RunStore}.
 *
 * <p>Used by one thread, inside the delivery's local transaction containment; {@link #close} at the
 * delivery's end.
 */
public final class DeliveryJournal implements Journal, AutoCloseable {
    private static final String FENCED_UPDATE = "UPDATE WF_RUN SET EVENT_COUNT = ?, LEASE_UNTIL = ? "
            + "WHERE RUN_ID = ? AND LEASE_TOKEN = ? AND EVENT_COUNT = ? AND STATUS = '" + RunStatus.RUNNING.wireName() + "'";
    private static final String INSERT_EVENT = "INSERT INTO WF_EVENT "
            + "(RUN_ID, SEQ, EVENT_ID, EVENT_TYPE, CORRELATION_ID, CREATED_AT, EVENT_DATA) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final RunStore store;
    private Connection connection;
    private PreparedStatement update;
    private PreparedStatement insert;

    public DeliveryJournal(DataSource dataSource, RunStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    @Override
    public int append(LoadedRun run, int knownEventCount, List<Event> events) {
        try {
            if (appendFenced(run, knownEventCount, events)) {
                return knownEventCount + events.size();
            }
        } catch (SQLException e) {
            discardConnection();
            throw new IllegalStateException("Cannot save the run's progress: " + e.getMessage(), e);
        }
        // the log grew under us or the run is no longer ours: decide under the row's lock
        return store.append(run, events);
    }

    /** The fast path: writes and commits if the log has exactly the length the delivery knows; else writes nothing. */
    private boolean appendFenced(LoadedRun run, int known, List<Event> events) throws SQLException {
        prepare();
        Instant at = events.get(events.size() - 1).createdAt();
        update.setInt(1, known + events.size());
        update.setTimestamp(2, Timestamp.from(at.plus(EngineConfig.LEASE)));
        update.setString(3, run.runId());
        update.setString(4, run.leaseToken());
        update.setInt(5, known);
        if (update.executeUpdate() != 1) {
            connection.rollback();
            return false;
        }
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            insert.setString(1, run.runId());
            insert.setInt(2, known + i);
            insert.setString(3, Ids.event());
            insert.setString(4, e.type().wireName());
            insert.setString(5, e.correlationId());
            insert.setTimestamp(6, Timestamp.from(e.createdAt()));
            insert.setString(7, e.data());
            insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
        return true;
    }

    private void prepare() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            update = connection.prepareStatement(FENCED_UPDATE);
            insert = connection.prepareStatement(INSERT_EVENT);
        }
    }

    @Override
    public Suspended suspend(LoadedRun run, int knownEventCount, List<Event> events, Instant wakeAt, int awaiting) {
        return store.suspend(run, knownEventCount, events, wakeAt, awaiting);
    }

    @Override
    public List<Event> eventsFrom(String runId, int fromSeq) {
        return store.eventsFrom(runId, fromSeq);
    }

    @Override
    public boolean completeRun(LoadedRun run, int knownEventCount, String outputJson) {
        return store.completeRun(run, knownEventCount, outputJson);
    }

    @Override
    public boolean failRun(LoadedRun run, int knownEventCount, ErrorCode code, String message) {
        return store.failRun(run, knownEventCount, code, message);
    }

    /** Gives the connection back; nothing is pending, since every append commits or rolls back. */
    @Override
    public void close() {
        discardConnection();
    }

    /** Rolls back whatever is uncommitted (after a failure) and closes the connection with its statements. */
    private void discardConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection: closing it is all that is left
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to give back
        }
        connection = null;
        update = null;
        insert = null;
    }
}
