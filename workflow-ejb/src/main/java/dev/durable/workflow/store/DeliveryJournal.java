package dev.durable.workflow.store;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.Event;
import dev.durable.workflow.engine.Ids;
import dev.durable.workflow.engine.Journal;
import dev.durable.workflow.engine.LoadedRun;
import dev.durable.workflow.engine.NewHook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The writes of one delivery, over one JDBC connection that the delivery keeps, with its statements
 * prepared once, each write in a local transaction of its own: taking the run's lease and reading its
 * log, every step's outcome (the fenced {@code UPDATE} of the run's row, the events as one batch, the
 * commit; on PostgreSQL the UPDATE and the INSERT are one statement) and the run's end. These touch
 * only the database, so they need no JTA transaction, and plain JDBC spares them JPA's unit of work:
 * this is the hot path of a run. What the fast path cannot decide
 * (others appended meanwhile, or the fence may be lost) is decided by the {@link DeliveryStore} under the
 * run's row lock, as are suspensions.
 *
 * <p>Used by one thread, inside the delivery's local transaction containment; {@link #close} at the
 * delivery's end. The SQL names the tables and columns that {@link RunEntity} and {@link EventEntity} map.
 */
public final class DeliveryJournal implements Journal, AutoCloseable {
    private static final String RUNNING = Schema.RUNNING;
    private static final String TAKE_LEASE = "UPDATE " + Schema.RUN + " SET " + Schema.LEASE_OWNER + " = ?, "
            + Schema.LEASE_TOKEN + " = ?, " + Schema.LEASE_UNTIL + " = ? WHERE " + Schema.RUN_ID + " = ? AND "
            + Schema.STATUS + " IN " + Schema.LIVE + " AND (" + Schema.LEASE_TOKEN + " IS NULL OR " + Schema.LEASE_UNTIL + " < ?)";
    private static final String READ_RUN = "SELECT " + String.join(", ", Schema.WORKFLOW_NAME, Schema.STATUS,
            Schema.INPUT_JSON, Schema.STARTED_AT, Schema.EVENT_COUNT, Schema.PARENT_RUN_ID, Schema.LEASE_TOKEN,
            Schema.LEASE_UNTIL, Schema.TRACE_PARENT) + " FROM " + Schema.RUN + " WHERE " + Schema.RUN_ID + " = ?";
    private static final String MARK_STARTED = "UPDATE " + Schema.RUN + " SET " + Schema.STATUS + " = '" + RUNNING + "', "
            + Schema.STARTED_AT + " = ?, " + Schema.UPDATED_AT + " = ?, " + Schema.EVENT_COUNT + " = ? WHERE "
            + Schema.RUN_ID + " = ? AND " + Schema.LEASE_TOKEN + " = ?";
    /** The events replay needs: those of the durable operations (steps, waits, hooks). */
    private static final String READ_LOG = "SELECT " + String.join(", ", Schema.SEQ, Schema.EVENT_TYPE,
            Schema.CORRELATION_ID, Schema.CREATED_AT, Schema.EVENT_DATA) + " FROM " + Schema.EVENT + " WHERE "
            + Schema.RUN_ID + " = ? AND (" + Schema.EVENT_TYPE + " LIKE 'step%' OR " + Schema.EVENT_TYPE + " LIKE 'wait%' OR "
            + Schema.EVENT_TYPE + " LIKE 'hook%') ORDER BY " + Schema.SEQ;
    /** What others appended since the delivery last looked (parallel steps ending, a wake-up, a payload). */
    private static final String READ_FROM = "SELECT " + String.join(", ", Schema.SEQ, Schema.EVENT_TYPE,
            Schema.CORRELATION_ID, Schema.CREATED_AT, Schema.EVENT_DATA) + " FROM " + Schema.EVENT + " WHERE "
            + Schema.RUN_ID + " = ? AND " + Schema.SEQ + " >= ? ORDER BY " + Schema.SEQ;
    /** The fence of every write of a delivery: its lease, the run still running, the log as long as it knows. */
    private static final String FENCE = " WHERE " + Schema.RUN_ID + " = ? AND " + Schema.LEASE_TOKEN + " = ? AND "
            + Schema.EVENT_COUNT + " = ? AND " + Schema.STATUS + " = '" + RUNNING + "'";
    private static final String APPEND = "UPDATE " + Schema.RUN + " SET " + Schema.EVENT_COUNT + " = ?, "
            + Schema.LEASE_UNTIL + " = ?" + FENCE;
    private static final String FINISH = "UPDATE " + Schema.RUN + " SET " + Schema.STATUS + " = ?, " + Schema.OUTPUT_JSON
            + " = ?, " + Schema.ERROR_CODE + " = ?, " + Schema.ERROR_MESSAGE + " = ?, " + Schema.COMPLETED_AT + " = ?, "
            + Schema.UPDATED_AT + " = ?, " + Schema.EVENT_COUNT + " = ?, " + Schema.LEASE_OWNER + " = NULL, "
            + Schema.LEASE_TOKEN + " = NULL, " + Schema.LEASE_UNTIL + " = NULL, " + Schema.WAKE_AT + " = NULL" + FENCE;
    private static final String EVENT_COLUMNS = "(" + String.join(", ", Schema.RUN_ID, Schema.SEQ, Schema.EVENT_ID,
            Schema.EVENT_TYPE, Schema.CORRELATION_ID, Schema.CREATED_AT, Schema.EVENT_DATA) + ")";
    /** PostgreSQL: {@link #FINISH} and the INSERT of the final event as one statement, as {@link #fencedAppend} does. */
    private static final String FINISH_IN_ONE = "WITH fence AS (" + FINISH + " RETURNING " + Schema.RUN_ID + ") INSERT INTO "
            + Schema.EVENT + " " + EVENT_COLUMNS + " SELECT fence." + Schema.RUN_ID + ", CAST(? AS INTEGER), "
            + "CAST(? AS VARCHAR), CAST(? AS VARCHAR), NULL, CAST(? AS TIMESTAMP), CAST(? AS TEXT) FROM fence";
    private static final String INSERT_EVENT = "INSERT INTO " + Schema.EVENT + " " + EVENT_COLUMNS
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** How long the kept connection may sit unused, while a step executes, and still be used. */
    private static final long KEEP_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The most events one {@link #fencedAppend} statement carries; longer appends take two statements. */
    private static final int MAX_ONE_STATEMENT = 8;

    /**
     * PostgreSQL: the fenced UPDATE and the INSERT of {@code n} events as one statement, one round trip
     * fewer per step. The INSERT selects from the UPDATE's result, so a lost fence inserts nothing.
     */
    private static String fencedAppend(int n) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < n; i++) {
            values.append(i == 0 ? "" : ", ").append("(CAST(? AS INTEGER), CAST(? AS VARCHAR), CAST(? AS VARCHAR), "
                    + "CAST(? AS VARCHAR), CAST(? AS TIMESTAMP), CAST(? AS TEXT))");
        }
        return "WITH fence AS (" + APPEND + " RETURNING " + Schema.RUN_ID + ") INSERT INTO " + Schema.EVENT + " "
                + EVENT_COLUMNS + " SELECT fence." + Schema.RUN_ID
                + ", e.seq, e.id, e.type, e.corr, e.at, e.data FROM fence CROSS JOIN (VALUES "
                + values + ") AS e (seq, id, type, corr, at, data)";
    }

    private final DataSource dataSource;
    private final DeliveryStore store;
    private Connection connection;
    private PreparedStatement append;
    private PreparedStatement insert;
    /** On PostgreSQL, the one-statement appends by number of events, prepared when first needed; else {@code null}. */
    private PreparedStatement[] oneStatement;
    /** When the last write began: a connection idle for longer than {@link #KEEP_IDLE_NANOS} is not reused. */
    private long lastWriteNanos;

    public DeliveryJournal(DataSource dataSource, DeliveryStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    /**
     * Takes the run's lease for this delivery and loads its log. A pending run becomes running
     * ({@code run_started}).
     */
    public Claim claim(String runId, String owner, Instant now, Instant leaseUntil) {
        try {
            Claim claim = tryClaim(runId, owner, now, leaseUntil);
            connection.commit();
            return claim;
        } catch (SQLException e) {
            throw failure("take the run's lease", e);
        }
    }

    private Claim tryClaim(String runId, String owner, Instant now, Instant leaseUntil) throws SQLException {
        open();
        if (oneStatement != null) {
            // PostgreSQL: a lost claim is one no step relied on, since the delivery's next write is fenced by it
            LazyCommit.allow(connection);
        }
        String token = UUID.randomUUID().toString();
        int updated = takeLease(runId, owner, token, now, leaseUntil);
        try (PreparedStatement read = connection.prepareStatement(READ_RUN)) {
            read.setString(1, runId);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    return new Claim(Claim.Kind.MISSING, null, null, null);
                }
                String status = row.getString(2);
                String parent = row.getString(6);
                if (RunStatus.fromWireName(status).isTerminal()) {
                    return new Claim(Claim.Kind.DONE, null, null, parent);
                }
                Instant heldUntil = instant(row.getTimestamp(8));
                if (updated == 0 && (row.getString(7) == null || heldUntil.isBefore(now))) {
                    // the row became visible between the two statements (its creating transaction just committed)
                    updated = takeLease(runId, owner, token, now, leaseUntil);
                }
                if (updated == 0) {
                    return new Claim(Claim.Kind.BUSY, null, heldUntil, null);
                }
                Instant startedAt = instant(row.getTimestamp(4));
                int eventCount = row.getInt(5);
                // a run that only has its run_created has no log to replay yet
                List<Event> log = eventCount <= 1 ? List.of() : readLog(runId);
                if (RunStatus.PENDING.wireName().equals(status)) {
                    startedAt = now;
                    markStarted(runId, token, now, eventCount);
                    eventCount++;
                }
                return new Claim(Claim.Kind.CLAIMED, new LoadedRun(runId, row.getString(1), row.getString(3), startedAt,
                        token, eventCount, log, parent, row.getString(9)), null, parent);
            }
        }
    }

    private int takeLease(String runId, String owner, String token, Instant now, Instant leaseUntil) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement(TAKE_LEASE)) {
            take.setString(1, owner);
            take.setString(2, token);
            take.setTimestamp(3, Timestamp.from(leaseUntil));
            take.setString(4, runId);
            take.setTimestamp(5, Timestamp.from(now));
            return take.executeUpdate();
        }
    }

    private void markStarted(String runId, String token, Instant now, int eventCount) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(MARK_STARTED)) {
            mark.setTimestamp(1, Timestamp.from(now));
            mark.setTimestamp(2, Timestamp.from(now));
            mark.setInt(3, eventCount + 1);
            mark.setString(4, runId);
            mark.setString(5, token);
            mark.executeUpdate();
        }
        addEvent(runId, eventCount, EventType.RUN_STARTED.wireName(), null, now, null);
        insert.executeBatch();
    }

    private List<Event> readLog(String runId) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement read = connection.prepareStatement(READ_LOG)) {
            read.setString(1, runId);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    events.add(new Event(rows.getInt(1), EventType.fromWireName(rows.getString(2)), rows.getString(3),
                            instant(rows.getTimestamp(4)), rows.getString(5)));
                }
            }
        }
        return events;
    }

    @Override
    public int append(LoadedRun run, int knownEventCount, List<Event> events) {
        try {
            if (appendFenced(run, knownEventCount, events)) {
                return knownEventCount + events.size();
            }
        } catch (SQLException e) {
            throw failure("save the run's progress", e);
        }
        // the log grew under us or the run is no longer ours: decide under the row's lock
        return store.append(run, events);
    }

    /** Writes and commits if the log has exactly the length the delivery knows; else writes nothing. */
    private boolean appendFenced(LoadedRun run, int known, List<Event> events) throws SQLException {
        open();
        if (oneStatement != null && events.size() <= MAX_ONE_STATEMENT) {
            return appendInOneStatement(run, known, events);
        }
        Instant at = events.get(events.size() - 1).createdAt();
        append.setInt(1, known + events.size());
        append.setTimestamp(2, Timestamp.from(at.plus(EngineConfig.LEASE)));
        fence(append, 3, run, known);
        if (append.executeUpdate() != 1) {
            connection.rollback();
            return false;
        }
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            addEvent(run.runId(), known + i, e.type().wireName(), e.correlationId(), e.createdAt(), e.data());
        }
        insert.executeBatch();
        connection.commit();
        return true;
    }

    private boolean appendInOneStatement(LoadedRun run, int known, List<Event> events) throws SQLException {
        int n = events.size();
        if (oneStatement[n] == null) {
            oneStatement[n] = connection.prepareStatement(fencedAppend(n));
        }
        PreparedStatement statement = oneStatement[n];
        statement.setInt(1, known + n);
        statement.setTimestamp(2, Timestamp.from(events.get(n - 1).createdAt().plus(EngineConfig.LEASE)));
        fence(statement, 3, run, known);
        int p = 6;
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            statement.setInt(p++, known + i);
            statement.setString(p++, Ids.event());
            statement.setString(p++, e.type().wireName());
            statement.setString(p++, e.correlationId());
            statement.setTimestamp(p++, Timestamp.from(e.createdAt()));
            statement.setString(p++, e.data());
        }
        return executeAlone(statement) == n;
    }

    @Override
    public int appendIfUnchanged(LoadedRun run, int knownEventCount, List<Event> events) {
        try {
            if (appendFenced(run, knownEventCount, events)) {
                return knownEventCount + events.size();
            }
        } catch (SQLException e) {
            throw failure("save the run's progress", e);
        }
        return store.owns(run) ? LOG_GREW : FENCE_LOST;
    }

    @Override
    public HookCreation createHook(LoadedRun run, int knownEventCount, NewHook hook) {
        return store.createHook(run, hook);
    }

    @Override
    public int disposeHooks(LoadedRun run, int knownEventCount, List<String> hookIds, Instant at) {
        return store.disposeHooks(run, hookIds, at);
    }

    @Override
    public boolean completeRun(LoadedRun run, int knownEventCount, List<String> activeHooks, String outputJson) {
        // a run holding hooks ends on the locked path, which also frees their tokens
        return activeHooks.isEmpty() && finish(run, knownEventCount, RunStatus.COMPLETED, outputJson, null, null)
                || store.completeRun(run, activeHooks, outputJson);
    }

    @Override
    public boolean failRun(LoadedRun run, int knownEventCount, List<String> activeHooks, ErrorCode code, String message) {
        return activeHooks.isEmpty() && finish(run, knownEventCount, RunStatus.FAILED, null, code, RunEnds.truncate(message))
                || store.failRun(run, activeHooks, code, message);
    }

    /** Ends the run if the log has exactly the length the delivery knows; {@code false}: nothing written. */
    private boolean finish(LoadedRun run, int known, RunStatus status, String outputJson, ErrorCode code, String message) {
        Instant now = EngineClock.now();
        try {
            open();
            boolean inOne = oneStatement != null;
            try (PreparedStatement end = connection.prepareStatement(inOne ? FINISH_IN_ONE : FINISH)) {
                end.setString(1, status.wireName());
                end.setString(2, outputJson);
                end.setString(3, code == null ? null : code.name());
                end.setString(4, message);
                end.setTimestamp(5, Timestamp.from(now));
                end.setTimestamp(6, Timestamp.from(now));
                end.setInt(7, known + 1);
                fence(end, 8, run, known);
                if (inOne) {
                    end.setInt(11, known);
                    end.setString(12, Ids.event());
                    end.setString(13, RunEnds.endEventType(status));
                    end.setTimestamp(14, Timestamp.from(now));
                    end.setString(15, RunEnds.endEventData(code, message));
                    return executeAlone(end) == 1;
                }
                if (end.executeUpdate() != 1) {
                    connection.rollback();
                    return false;
                }
                addEvent(run.runId(), known, RunEnds.endEventType(status), null, now, RunEnds.endEventData(code, message));
                insert.executeBatch();
                connection.commit();
                return true;
            }
        } catch (SQLException e) {
            throw failure("end the run", e);
        }
    }

    /**
     * Executes one atomic statement (a fence and its inserts, or nothing) in autocommit, so that its
     * commit travels with it instead of taking a round trip of its own.
     */
    private int executeAlone(PreparedStatement statement) throws SQLException {
        connection.setAutoCommit(true);
        try {
            return statement.executeUpdate();
        } finally {
            connection.setAutoCommit(false);
        }
    }

    private static void fence(PreparedStatement statement, int first, LoadedRun run, int known) throws SQLException {
        statement.setString(first, run.runId());
        statement.setString(first + 1, run.leaseToken());
        statement.setInt(first + 2, known);
    }

    private void addEvent(String runId, int seq, String type, String correlationId, Instant at, String data)
            throws SQLException {
        insert.setString(1, runId);
        insert.setInt(2, seq);
        insert.setString(3, Ids.event());
        insert.setString(4, type);
        insert.setString(5, correlationId);
        insert.setTimestamp(6, Timestamp.from(at));
        insert.setString(7, data);
        insert.addBatch();
    }

    @Override
    public Suspended suspend(LoadedRun run, int knownEventCount, List<Event> events, Instant wakeAt, int awaiting) {
        return store.suspend(run, knownEventCount, events, wakeAt, awaiting);
    }

    @Override
    public List<Event> eventsFrom(String runId, int fromSeq) {
        try {
            open();
            List<Event> events = new ArrayList<>();
            try (PreparedStatement read = connection.prepareStatement(READ_FROM)) {
                read.setString(1, runId);
                read.setInt(2, fromSeq);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        events.add(new Event(rows.getInt(1), EventType.fromWireName(rows.getString(2)), rows.getString(3),
                                instant(rows.getTimestamp(4)), rows.getString(5)));
                    }
                }
            }
            connection.commit();
            return events;
        } catch (SQLException e) {
            throw failure("read the run's log", e);
        }
    }

    private void open() throws SQLException {
        long now = System.nanoTime();
        if (connection != null && now - lastWriteNanos > KEEP_IDLE_NANOS) {
            // after a long step take a fresh connection: the kept one may have been closed by the server
            // or the network meanwhile, and a failed save would cost the step's result
            discardConnection();
        }
        lastWriteNanos = now;
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            append = connection.prepareStatement(APPEND);
            insert = connection.prepareStatement(INSERT_EVENT);
            if (connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
                oneStatement = new PreparedStatement[MAX_ONE_STATEMENT + 1];
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A failed statement: the delivery fails (its message comes back) and the connection is not reused. */
    private IllegalStateException failure(String what, SQLException e) {
        discardConnection();
        return new IllegalStateException("Cannot " + what + ": " + e.getMessage(), e);
    }

    /** Gives the connection back; nothing is pending, since every write commits or rolls back. */
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
        append = null;
        insert = null;
        oneStatement = null;
    }
}
