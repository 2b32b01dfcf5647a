package dev.durable.workflow.store;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.engine.EventData;
import dev.durable.workflow.engine.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates runs outside any JTA transaction, for a {@code start()} whose caller has none: the rows that
 * {@link RunStore#createRun} persists, over plain JDBC in one local transaction (a batch per table, one
 * commit), without JPA's unit of work or a JTA transaction around a single resource. The SQL names the
 * columns {@link RunEntity} and {@link EventEntity} map.
 */
public final class RunCreator {
    private static final String INSERT_RUN = "INSERT INTO " + Schema.RUN + " (" + String.join(", ", Schema.RUN_ID,
            Schema.WORKFLOW_NAME, Schema.STATUS, Schema.DEPLOYMENT_ID, Schema.IDEMPOTENCY_KEY, Schema.INPUT_JSON,
            Schema.CREATED_AT, Schema.UPDATED_AT, Schema.EVENT_COUNT, Schema.PARENT_RUN_ID, Schema.RERUN_OF, Schema.TRACE_PARENT)
            + ") VALUES (?, ?, '" + Schema.PENDING + "', ?, ?, ?, ?, ?, 1, ?, ?, ?)";
    private static final String INSERT_CREATED = "INSERT INTO " + Schema.EVENT + " (" + String.join(", ", Schema.RUN_ID,
            Schema.SEQ, Schema.EVENT_ID, Schema.EVENT_TYPE, Schema.CREATED_AT, Schema.EVENT_DATA)
            + ") VALUES (?, 0, ?, '" + EventType.RUN_CREATED.wireName() + "', ?, ?)";

    private RunCreator() {
    }

    /**
     * Inserts and commits the runs.
     *
     * @throws IdempotencyKeyTakenException if a run's idempotency key is held by another run (nothing is written)
     */
    public static void create(DataSource dataSource, List<NewRun> runs) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement run = connection.prepareStatement(INSERT_RUN);
                 PreparedStatement created = connection.prepareStatement(INSERT_CREATED)) {
                for (NewRun r : runs) {
                    Timestamp at = Timestamp.from(r.createdAt());
                    run.setString(1, r.runId());
                    run.setString(2, r.workflowName());
                    run.setString(3, r.deploymentId());
                    run.setString(4, r.idempotencyKey());
                    run.setString(5, r.inputJson());
                    run.setTimestamp(6, at);
                    run.setTimestamp(7, at);
                    run.setString(8, r.parentRunId());
                    run.setString(9, r.rerunOf());
                    run.setString(10, r.traceParent());
                    created.setString(1, r.runId());
                    created.setString(2, Ids.event());
                    created.setTimestamp(3, at);
                    created.setString(4, EventData.runCreated(r.workflowName(), r.deploymentId()));
                    if (runs.size() == 1) {
                        run.executeUpdate();
                        created.executeUpdate();
                    } else {
                        run.addBatch();
                        created.addBatch();
                    }
                }
                if (runs.size() > 1) {
                    run.executeBatch();
                    created.executeBatch();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if (runs.size() == 1 && runs.get(0).idempotencyKey() != null && RunStore.isUniqueViolation(e)) {
                    throw new IdempotencyKeyTakenException(runs.get(0).idempotencyKey());
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the run" + (runs.size() == 1 ? "" : "s") + ": " + e.getMessage(), e);
        }
    }
}
