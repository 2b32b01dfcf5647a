package dev.durable.workflow.store;

import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StreamChunk;
import dev.durable.workflow.api.StreamInfo;
import dev.durable.workflow.api.StreamPage;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.api.UnknownStreamException;
import dev.durable.workflow.api.Workflows;
import dev.durable.workflow.engine.EngineClock;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code WF_STREAM} and {@code WF_STREAM_CHUNK} tables: runs' output streams. A write is its own
 * transaction: it takes the stream's next index under the stream row's lock and inserts the chunk, so
 * when it returns the chunk is durable and chunks become visible in index order. A stream is closed when
 * a step closes it or when its run has ended, whichever comes first.
 */
@Stateless
@LocalBean
public class StreamDao {
    private static final String TAKE_INDEX = "UPDATE " + Schema.STREAM + " SET " + Schema.CHUNK_COUNT + " = "
            + Schema.CHUNK_COUNT + " + 1 WHERE " + Schema.RUN_ID + " = ? AND " + Schema.STREAM_NAME + " = ? AND "
            + Schema.CLOSED + " = ? AND EXISTS (SELECT 1 FROM " + Schema.RUN + " r WHERE r." + Schema.RUN_ID
            + " = ? AND r." + Schema.STATUS + " IN " + Schema.LIVE + ")";
    private static final String COUNT = "SELECT " + Schema.CHUNK_COUNT + " FROM " + Schema.STREAM + " WHERE "
            + Schema.RUN_ID + " = ? AND " + Schema.STREAM_NAME + " = ?";
    private static final String APPEND_ONE_STATEMENT = "WITH taken AS (" + TAKE_INDEX + " RETURNING " + Schema.RUN_ID + ", "
            + Schema.STREAM_NAME + ", " + Schema.CHUNK_COUNT + " - 1 AS IDX) INSERT INTO " + Schema.STREAM_CHUNK + " ("
            + Schema.RUN_ID + ", " + Schema.STREAM_NAME + ", " + Schema.CHUNK_INDEX + ", " + Schema.CHUNK_DATA + ", "
            + Schema.CREATED_AT + ") SELECT " + Schema.RUN_ID + ", " + Schema.STREAM_NAME
            + ", IDX, CAST(? AS TEXT), CAST(? AS TIMESTAMP) FROM taken RETURNING " + Schema.CHUNK_INDEX;
    private static final String INSERT_STREAM = "INSERT INTO " + Schema.STREAM + " (" + Schema.RUN_ID + ", "
            + Schema.STREAM_NAME + ", " + Schema.CHUNK_COUNT + ", " + Schema.CLOSED + ", " + Schema.CREATED_AT
            + ") VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_CHUNK = "INSERT INTO " + Schema.STREAM_CHUNK + " (" + Schema.RUN_ID + ", "
            + Schema.STREAM_NAME + ", " + Schema.CHUNK_INDEX + ", " + Schema.CHUNK_DATA + ", " + Schema.CREATED_AT
            + ") VALUES (?, ?, ?, ?, ?)";

    @PersistenceContext(unitName = "workflow")
    EntityManager em;

    @Resource(name = "jdbc/workflow", lookup = "jdbc/workflow")
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    SessionContext bean;

    /**
     * Creates the run's stream unless it exists; false if it already did. Two steps opening one stream
     * at once race on its key: the loser's insert is refused and its transaction rolled back quietly.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean open(String runId, String name) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement exists = c.prepareStatement(COUNT)) {
                exists.setString(1, runId);
                exists.setString(2, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT_STREAM)) {
                insert.setString(1, runId);
                insert.setString(2, name);
                insert.setInt(3, 0);
                insert.setBoolean(4, false);
                insert.setTimestamp(5, Timestamp.from(EngineClock.now()));
                insert.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                bean.setRollbackOnly();
                return false;
            }
            throw new IllegalStateException("Cannot open stream '" + name + "' of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends a chunk to an open stream of a live run.
     *
     * @return its index, or -1 if the stream is not open (closed, never opened) or its run has ended
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int append(String runId, String name, String json) {
        try (Connection c = dataSource.getConnection()) {
            java.time.Instant at = EngineClock.now();
            int index = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                    ? appendInOneStatement(c, runId, name, json, at) : appendInThree(c, runId, name, json, at);
            if (index >= 0) {
                StreamChunk chunk = new StreamChunk(index, json, at);
                AfterCommit.run(transactions, () -> StreamTails.appended(runId, name, chunk));
            }
            return index;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write to stream '" + name + "' of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** PostgreSQL: takes the index and inserts the chunk in one round trip. */
    private static int appendInOneStatement(Connection c, String runId, String name, String json, java.time.Instant at)
            throws SQLException {
        try (PreparedStatement append = c.prepareStatement(APPEND_ONE_STATEMENT)) {
            append.setString(1, runId);
            append.setString(2, name);
            append.setBoolean(3, false);
            append.setString(4, runId);
            append.setString(5, json);
            append.setTimestamp(6, Timestamp.from(at));
            try (ResultSet rs = append.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    /** Elsewhere: takes the index under the stream row's lock, reads it, inserts the chunk. */
    private static int appendInThree(Connection c, String runId, String name, String json, java.time.Instant at)
            throws SQLException {
        try (PreparedStatement take = c.prepareStatement(TAKE_INDEX)) {
            take.setString(1, runId);
            take.setString(2, name);
            take.setBoolean(3, false);
            take.setString(4, runId);
            if (take.executeUpdate() == 0) {
                return -1;
            }
        }
        int index;
        try (PreparedStatement count = c.prepareStatement(COUNT)) {
            count.setString(1, runId);
            count.setString(2, name);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                index = rs.getInt(1) - 1;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_CHUNK)) {
            insert.setString(1, runId);
            insert.setString(2, name);
            insert.setInt(3, index);
            insert.setString(4, json);
            insert.setTimestamp(5, Timestamp.from(at));
            insert.executeUpdate();
        }
        return index;
    }

    /** Closes the stream; nothing if it is closed already or does not exist. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void close(String runId, String name) {
        StreamEntity stream = find(runId, name);
        if (stream != null && !stream.closed) {
            stream.closed = true;
            AfterCommit.run(transactions, () -> StreamTails.closed(runId, name));
        }
    }

    /** Why a write was refused, in words. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String whyNotOpen(String runId, String name) {
        RunStatus run = runStatus(runId);
        StreamEntity stream = find(runId, name);
        if (run == null || run.isTerminal()) {
            return "Run " + runId + " has ended (" + (run == null ? "gone" : run.wireName()) + "): its streams are closed";
        }
        return stream == null ? "Run " + runId + " has no stream '" + name + "'" : "Stream '" + name + "' of run " + runId + " is closed";
    }

    /** The run's streams by name; {@code "default"} always. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StreamInfo> list(String runId) {
        RunEntity run = requireRun(runId);
        List<StreamEntity> rows = em.createQuery(
                "SELECT s FROM StreamEntity s WHERE s.runId = :run ORDER BY s.name", StreamEntity.class)
                .setParameter("run", runId).getResultList();
        List<StreamInfo> streams = new ArrayList<>();
        if (rows.stream().noneMatch(s -> s.name.equals(Workflows.DEFAULT_STREAM))) {
            streams.add(info(run, null, Workflows.DEFAULT_STREAM));
        }
        rows.forEach(s -> streams.add(info(run, s, s.name)));
        streams.sort(java.util.Comparator.comparing(StreamInfo::name));
        return streams;
    }

    /** Up to {@code limit} chunks from {@code startIndex} (negative: that many from the end). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public StreamPage read(String runId, String name, int startIndex, int limit) {
        if (startIndex >= 0) {
            // a live reader: the chunks committed here since it last read are in memory
            List<StreamChunk> held = StreamTails.from(runId, name, startIndex, limit);
            if (!held.isEmpty()) {
                int next = held.get(held.size() - 1).index() + 1;
                return new StreamPage(held, next, next, false);
            }
        }
        StreamInfo stream = info(requireRun(runId), requireStream(runId, name), name);
        int from = startIndex >= 0 ? startIndex : Math.max(0, stream.chunks() + startIndex);
        List<StreamChunk> chunks = em.createQuery("SELECT c FROM StreamChunkEntity c WHERE c.runId = :run AND c.name = :name"
                        + " AND c.index >= :from ORDER BY c.index", StreamChunkEntity.class)
                .setParameter("run", runId).setParameter("name", name).setParameter("from", from)
                .setMaxResults(limit).getResultList().stream()
                .map(c -> new StreamChunk(c.index, c.data, c.createdAt)).toList();
        int next = chunks.isEmpty() ? from : chunks.get(chunks.size() - 1).index() + 1;
        // chunks committed after the count was read may be in the page: the total covers them
        int total = Math.max(stream.chunks(), next);
        return new StreamPage(chunks, next, total, stream.closed());
    }

    /**
     * Completes once a chunk at or after {@code seen} is committed or the stream closed on this server
     * (at once if that happened already), or after {@code max}.
     */
    public java.util.concurrent.CompletableFuture<Void> next(String runId, String name, int seen, java.time.Duration max) {
        return StreamTails.next(runId, name, seen, max);
    }

    /** Wakes the readers of a run's streams on this server: the run has ended, which closed them. */
    public static void runEnded(String runId) {
        StreamTails.runEnded(runId);
    }

    private StreamInfo info(RunEntity run, StreamEntity stream, String name) {
        boolean runEnded = RunStatus.fromWireName(run.status).isTerminal();
        return stream == null
                ? new StreamInfo(run.runId, name, 0, runEnded, run.createdAt)
                : new StreamInfo(run.runId, name, stream.chunks, stream.closed || runEnded, stream.createdAt);
    }

    private StreamEntity requireStream(String runId, String name) {
        StreamEntity stream = find(runId, name);
        if (stream == null && !Workflows.DEFAULT_STREAM.equals(name)) {
            throw new UnknownStreamException(runId, name);
        }
        return stream;
    }

    private RunEntity requireRun(String runId) {
        RunEntity run = em.find(RunEntity.class, runId);
        if (run == null) {
            throw new UnknownRunException(runId);
        }
        return run;
    }

    private RunStatus runStatus(String runId) {
        RunEntity run = em.find(RunEntity.class, runId);
        return run == null ? null : RunStatus.fromWireName(run.status);
    }

    private StreamEntity find(String runId, String name) {
        StreamEntity.Key key = new StreamEntity.Key();
        key.runId = runId;
        key.name = name;
        return em.find(StreamEntity.class, key);
    }
}
