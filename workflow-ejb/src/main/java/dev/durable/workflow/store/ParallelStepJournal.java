package dev.durable.workflow.store;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.Event;
import dev.durable.workflow.engine.EventData;
import dev.durable.workflow.engine.History;
import dev.durable.workflow.engine.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A parallel step's two writes, over plain JDBC in local transactions (parallel steps are many and
 * short, and each write holds the run's row lock): beginning an attempt, which appends
 * {@code step_started} only if no other attempt may be running, so that duplicate dispatches cannot
 * both run it; and recording its outcome, which counts towards what the run awaits. Each transaction
 * takes the run's row lock first, and rolls back when it writes nothing.
 *
 * <p>Writes for one run that arrive while another of its transactions is under way are done together, in
 * one transaction, by the thread that came first (their leader): the run's row lock is taken once for
 * them all instead of once each, which is what many steps ending at once otherwise queue on.
 */
public final class ParallelStepJournal {
    /** Locks a live run's row. */
    private static final String LOCK = "UPDATE " + Schema.RUN + " SET " + Schema.UPDATED_AT + " = ? WHERE "
            + Schema.RUN_ID + " = ? AND " + Schema.STATUS + " IN " + Schema.LIVE;
    /** The log's length and what the run still awaits, after a transaction's events. */
    private static final String SET_COUNTS = "UPDATE " + Schema.RUN + " SET " + Schema.EVENT_COUNT + " = ?, "
            + Schema.AWAITING + " = ? WHERE " + Schema.RUN_ID + " = ?";
    private static final String READ_RUN = "SELECT " + String.join(", ", Schema.EVENT_COUNT, Schema.WORKFLOW_NAME,
            Schema.AWAITING, Schema.LEASE_TOKEN, Schema.LEASE_UNTIL) + " FROM " + Schema.RUN + " WHERE " + Schema.RUN_ID + " = ?";
    private static final String READ_STEP = "SELECT " + String.join(", ", Schema.SEQ, Schema.EVENT_TYPE,
            Schema.CORRELATION_ID, Schema.CREATED_AT, Schema.EVENT_DATA) + " FROM " + Schema.EVENT + " WHERE "
            + Schema.RUN_ID + " = ? AND " + Schema.CORRELATION_ID + " = ? ORDER BY " + Schema.SEQ;
    private static final String INSERT_EVENT = "INSERT INTO " + Schema.EVENT + " (" + String.join(", ", Schema.RUN_ID,
            Schema.SEQ, Schema.EVENT_ID, Schema.EVENT_TYPE, Schema.CORRELATION_ID, Schema.CREATED_AT, Schema.EVENT_DATA)
            + ") VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** The writes waiting for a run's transaction under way, by run. */
    private static final ConcurrentHashMap<String, Batch> BATCHES = new ConcurrentHashMap<>();

    private final DataSource dataSource;

    public ParallelStepJournal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Begins an attempt of the step, or says why not (it ended, its run ended, or it is not due yet). */
    public ParallelStep begin(String runId, String stepId, Instant now) {
        return (ParallelStep) submit(runId, new Begin(stepId, now));
    }

    /**
     * Records the outcome of an attempt; a final one ({@code last}) counts towards what the run awaits.
     * Returns whether the run should be resumed now: it awaited no more, or the step failed, and no
     * delivery holds it (one that does sees the log grown when it next looks or parks). Of outcomes
     * written together, at most one says so.
     */
    public boolean finish(String runId, List<Event> events, boolean last, boolean failed, Instant now) {
        return (Boolean) submit(runId, new Finish(events, last, failed, now));
    }

    /** One write and, once its transaction has ended, its result. */
    private abstract static class Write {
        final Instant now;
        private final CompletableFuture<Object> result = new CompletableFuture<>();

        Write(Instant now) {
            this.now = now;
        }

        Object await() {
            try {
                return result.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    private static final class Begin extends Write {
        final String stepId;

        Begin(String stepId, Instant now) {
            super(now);
            this.stepId = stepId;
        }
    }

    private static final class Finish extends Write {
        final List<Event> events;
        final boolean last;
        final boolean failed;

        Finish(List<Event> events, boolean last, boolean failed, Instant now) {
            super(now);
            this.events = events;
            this.last = last;
            this.failed = failed;
        }
    }

    /** A run's writes waiting for the transaction under way ({@code writing}) to end. */
    private static final class Batch {
        final List<Write> queued = new ArrayList<>();
        boolean writing;
    }

    /** Queues the write; the first thread to come writes, for itself and for all that queued meanwhile. */
    private Object submit(String runId, Write write) {
        // by run id alone: a server has one engine and so one engine database (the data source objects
        // injected into different bean instances need not be the same object)
        Batch batch = BATCHES.computeIfAbsent(runId, id -> new Batch());
        boolean leader;
        synchronized (batch) {
            batch.queued.add(write);
            leader = !batch.writing;
            batch.writing = true;
        }
        while (leader) {
            List<Write> writes;
            synchronized (batch) {
                if (batch.queued.isEmpty()) {
                    batch.writing = false;
                    BATCHES.remove(runId, batch);
                    break;
                }
                writes = new ArrayList<>(batch.queued);
                batch.queued.clear();
            }
            writeTogether(runId, writes);
        }
        return write.await();
    }

    /** Writes in one transaction, and completes each write with its result (or the failure). */
    private void writeTogether(String runId, List<Write> writes) {
        Object[] results;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                results = write(c, runId, writes);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("Cannot write the progress of run " + runId
                    + "'s parallel steps: " + e.getMessage(), e);
            writes.forEach(w -> w.result.completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < writes.size(); i++) {
            writes.get(i).result.complete(results[i]);
        }
    }

    private static Object[] write(Connection c, String runId, List<Write> writes) throws SQLException {
        Object[] results = new Object[writes.size()];
        Instant now = writes.stream().map(w -> w.now).max(Instant::compareTo).orElseThrow();
        if (lock(c, runId, now) == 0) {
            // no such run, or it ended (without waiting for these steps: race, any, cancel)
            c.rollback();
            for (int i = 0; i < writes.size(); i++) {
                results[i] = writes.get(i) instanceof Begin ? ParallelStep.gone() : Boolean.FALSE;
            }
            return results;
        }
        RunRow run = readRun(c, runId);
        int count = run.eventCount();
        int awaiting = run.awaiting();
        boolean outcomes = false;
        boolean ended = false;
        boolean failed = false;
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i) instanceof Begin b) {
                ParallelStep step = begin(c, runId, run.workflowName(), b.stepId, count, b.now);
                count += step.attempt() > 0 ? 1 : 0;
                results[i] = step;
            } else {
                Finish f = (Finish) writes.get(i);
                insert(c, runId, count, f.events);
                count += f.events.size();
                outcomes = true;
                if (f.last) {
                    awaiting--;
                    ended = true;
                    failed |= f.failed;
                }
                results[i] = Boolean.FALSE;
            }
        }
        if (count == run.eventCount()) {
            c.rollback(); // nothing to write
            return results;
        }
        setCounts(c, runId, count, awaiting);
        if (!outcomes && LazyCommit.supported(c)) {
            // only begins: the run's row stays locked until the commit, not until the disk has it
            LazyCommit.allow(c);
        }
        c.commit();
        boolean leased = run.leaseToken() != null && run.leaseUntil() != null && run.leaseUntil().isAfter(now);
        if (ended && (awaiting <= 0 || failed) && !leased) {
            for (int i = 0; i < writes.size(); i++) {
                if (writes.get(i) instanceof Finish f && f.last) {
                    results[i] = Boolean.TRUE; // one of them rings
                    break;
                }
            }
        }
        return results;
    }

    /** Begins an attempt at log position {@code seq} if the step may begin now, under the run's row lock. */
    private static ParallelStep begin(Connection c, String runId, String workflowName, String stepId, int seq, Instant now)
            throws SQLException {
        History.StepOp step = History.of(readStep(c, runId, stepId)).step(stepId);
        if (step == null || step.status() == StepStatus.COMPLETED || step.status() == StepStatus.FAILED) {
            return ParallelStep.gone();
        }
        Instant due = step.dueAt(EngineConfig.LEASE);
        if (due != null && now.isBefore(due)) {
            // its retry is not due, or another attempt is running: look again then
            return ParallelStep.later(due);
        }
        int attempt = step.attempts() + 1;
        insert(c, runId, seq, List.of(EventData.stepStarted(stepId, now, attempt)));
        return ParallelStep.begin(workflowName, step.name(), step.inputJson(), attempt, now);
    }

    private static int lock(Connection c, String runId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, runId);
            return s.executeUpdate();
        }
    }

    private static void setCounts(Connection c, String runId, int eventCount, int awaiting) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SET_COUNTS)) {
            s.setInt(1, eventCount);
            s.setInt(2, awaiting);
            s.setString(3, runId);
            s.executeUpdate();
        }
    }

    private record RunRow(int eventCount, String workflowName, int awaiting, String leaseToken, Instant leaseUntil) {
    }

    private static RunRow readRun(Connection c, String runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(READ_RUN)) {
            s.setString(1, runId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("Run " + runId + " vanished under its row lock");
                }
                Timestamp until = r.getTimestamp(5);
                return new RunRow(r.getInt(1), r.getString(2), r.getInt(3), r.getString(4), until == null ? null : until.toInstant());
            }
        }
    }

    private static List<Event> readStep(Connection c, String runId, String stepId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(READ_STEP)) {
            s.setString(1, runId);
            s.setString(2, stepId);
            List<Event> events = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(new Event(r.getInt(1), EventType.fromWireName(r.getString(2)), r.getString(3),
                            r.getTimestamp(4).toInstant(), r.getString(5)));
                }
            }
            return events;
        }
    }

    private static void insert(Connection c, String runId, int firstSeq, List<Event> events) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_EVENT)) {
            int seq = firstSeq;
            for (Event e : events) {
                s.setString(1, runId);
                s.setInt(2, seq++);
                s.setString(3, Ids.event());
                s.setString(4, e.type().wireName());
                s.setString(5, e.correlationId());
                s.setTimestamp(6, Timestamp.from(e.createdAt()));
                s.setString(7, e.data());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
