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
import javax.sql.DataSource;

/**
 * A parallel step's two writes, over plain JDBC in local transactions (parallel steps are many and
 * short, and each write holds the run's row lock): beginning an attempt, which appends
 * {@code step_started} only if no other attempt may be running, so that duplicate dispatches cannot
 * both run it; and recording its outcome, which counts towards what the run awaits. Both take the run's
 * row lock first, with an UPDATE that also takes the log's next positions, and give them back (roll
 * back) when they write nothing.
 */
public final class ParallelStepJournal {
    /** Locks a live run's row and takes {@code ?} positions of its log. */
    private static final String TAKE = "UPDATE " + Schema.RUN + " SET " + Schema.EVENT_COUNT + " = " + Schema.EVENT_COUNT
            + " + ?, " + Schema.UPDATED_AT + " = ? WHERE " + Schema.RUN_ID + " = ? AND " + Schema.STATUS + " IN " + Schema.LIVE;
    /** Also counts a final outcome towards what the run awaits. */
    private static final String TAKE_ENDING = "UPDATE " + Schema.RUN + " SET " + Schema.EVENT_COUNT + " = " + Schema.EVENT_COUNT
            + " + ?, " + Schema.UPDATED_AT + " = ?, " + Schema.AWAITING + " = COALESCE(" + Schema.AWAITING + ", 0) - 1 WHERE "
            + Schema.RUN_ID + " = ? AND " + Schema.STATUS + " IN " + Schema.LIVE;
    private static final String READ_RUN = "SELECT " + String.join(", ", Schema.EVENT_COUNT, Schema.WORKFLOW_NAME,
            Schema.AWAITING, Schema.LEASE_TOKEN, Schema.LEASE_UNTIL) + " FROM " + Schema.RUN + " WHERE " + Schema.RUN_ID + " = ?";
    private static final String READ_STEP = "SELECT " + String.join(", ", Schema.SEQ, Schema.EVENT_TYPE,
            Schema.CORRELATION_ID, Schema.CREATED_AT, Schema.EVENT_DATA) + " FROM " + Schema.EVENT + " WHERE "
            + Schema.RUN_ID + " = ? AND " + Schema.CORRELATION_ID + " = ? ORDER BY " + Schema.SEQ;
    private static final String INSERT_EVENT = "INSERT INTO " + Schema.EVENT + " (" + String.join(", ", Schema.RUN_ID,
            Schema.SEQ, Schema.EVENT_ID, Schema.EVENT_TYPE, Schema.CORRELATION_ID, Schema.CREATED_AT, Schema.EVENT_DATA)
            + ") VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public ParallelStepJournal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Begins an attempt of the step, or says why not (it ended, its run ended, or it is not due yet). */
    public ParallelStep begin(String runId, String stepId, Instant now) {
        return inTransaction("begin parallel step " + stepId, c -> {
            if (LazyCommit.supported(c)) {
                // the run's row stays locked only until the commit, not until the disk has it
                LazyCommit.allow(c);
            }
            ParallelStep step = begin(c, runId, stepId, now);
            return new Outcome<>(step, step.attempt() > 0);
        });
    }

    private static ParallelStep begin(Connection c, String runId, String stepId, Instant now) throws SQLException {
        if (take(c, TAKE, runId, 1, now) == 0) {
            return ParallelStep.gone(); // no such run, or it ended
        }
        RunRow run = readRun(c, runId);
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
        insert(c, runId, run.eventCount() - 1, List.of(EventData.stepStarted(stepId, now, attempt)));
        return ParallelStep.begin(run.workflowName(), step.name(), step.inputJson(), attempt, now);
    }

    /**
     * Records the outcome of an attempt; a final one ({@code last}) counts towards what the run awaits.
     * Returns whether the run should be resumed now: it awaited no more, or the step failed, and no
     * delivery holds it (one that does sees the log grown when it next looks or parks).
     */
    public boolean finish(String runId, List<Event> events, boolean last, boolean failed, Instant now) {
        return inTransaction("record a parallel step's outcome for run " + runId, c -> {
            if (take(c, last ? TAKE_ENDING : TAKE, runId, events.size(), now) == 0) {
                return new Outcome<>(false, false); // the run ended without waiting for this step (race, any, cancel)
            }
            RunRow run = readRun(c, runId);
            insert(c, runId, run.eventCount() - events.size(), events);
            boolean leased = run.leaseToken() != null && run.leaseUntil() != null && run.leaseUntil().isAfter(now);
            return new Outcome<>(last && (run.awaiting() <= 0 || failed) && !leased, true);
        });
    }

    /** What a transaction's work returns, and whether to commit it (else it rolls back: nothing written). */
    private record Outcome<T>(T value, boolean commit) {
    }

    private interface Work<T> {
        Outcome<T> run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome<T> outcome = work.run(c);
                if (outcome.commit()) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return outcome.value();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private record RunRow(int eventCount, String workflowName, int awaiting, String leaseToken, Instant leaseUntil) {
    }

    private static int take(Connection c, String sql, String runId, int positions, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, positions);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, runId);
            return s.executeUpdate();
        }
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
