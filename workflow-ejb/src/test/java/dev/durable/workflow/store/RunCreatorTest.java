package dev.durable.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs created over JDBC, outside any transaction, against a real embedded Derby database. */
class RunCreatorTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static int databases;

    private EmbeddedDataSource dataSource;

    @BeforeEach
    void createDatabase() throws SQLException {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:runCreator" + (++databases));
        dataSource.setCreateDatabase("create");
        sql("CREATE TABLE WF_RUN (RUN_ID VARCHAR(40) PRIMARY KEY, WORKFLOW_NAME VARCHAR(200) NOT NULL, "
                + "STATUS VARCHAR(16) NOT NULL, DEPLOYMENT_ID VARCHAR(200), IDEMPOTENCY_KEY VARCHAR(200) UNIQUE, "
                + "INPUT_JSON CLOB, CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, "
                + "EVENT_COUNT INTEGER NOT NULL, PARENT_RUN_ID VARCHAR(40), RERUN_OF VARCHAR(40), TRACE_PARENT VARCHAR(64))");
        sql("CREATE TABLE WF_EVENT (RUN_ID VARCHAR(40) NOT NULL, SEQ INTEGER NOT NULL, EVENT_ID VARCHAR(40) NOT NULL, "
                + "EVENT_TYPE VARCHAR(32) NOT NULL, CORRELATION_ID VARCHAR(40), CREATED_AT TIMESTAMP NOT NULL, "
                + "EVENT_DATA CLOB, PRIMARY KEY (RUN_ID, SEQ))");
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    columns.add(r.getString(i));
                }
                rows.add(String.join(" ", columns));
            }
        }
        return rows;
    }

    @Test
    void aRunIsPendingWithItsRunCreatedEvent() throws SQLException {
        RunCreator.create(dataSource, List.of(new NewRun("r1", "orders", "[5]", "v2", "key-1", "p1", null, NOW, TRACE)));

        assertEquals(List.of("r1 orders pending v2 key-1 [5] 1 p1 " + TRACE), rows("SELECT RUN_ID, WORKFLOW_NAME, STATUS, "
                + "DEPLOYMENT_ID, IDEMPOTENCY_KEY, INPUT_JSON, EVENT_COUNT, PARENT_RUN_ID, TRACE_PARENT FROM WF_RUN"));
        assertEquals(List.of("r1 0 run_created {\"workflowName\":\"orders\",\"deploymentId\":\"v2\"}"),
                rows("SELECT RUN_ID, SEQ, EVENT_TYPE, EVENT_DATA FROM WF_EVENT"));
    }

    @Test
    void manyRunsAreCreatedTogether() throws SQLException {
        RunCreator.create(dataSource, List.of(new NewRun("r1", "orders", "[1]", null, null, null, null, NOW, null),
                new NewRun("r2", "orders", "[2]", null, null, null, null, NOW, null)));

        assertEquals(List.of("r1 [1]", "r2 [2]"), rows("SELECT RUN_ID, INPUT_JSON FROM WF_RUN ORDER BY RUN_ID"));
        assertEquals(List.of("r1 run_created", "r2 run_created"), rows("SELECT RUN_ID, EVENT_TYPE FROM WF_EVENT ORDER BY RUN_ID"));
    }

    @Test
    void aTakenIdempotencyKeyWritesNothing() throws SQLException {
        RunCreator.create(dataSource, List.of(new NewRun("r1", "orders", "[1]", null, "key-1", null, null, NOW, null)));

        IdempotencyKeyTakenException taken = assertThrows(IdempotencyKeyTakenException.class, () ->
                RunCreator.create(dataSource, List.of(new NewRun("r2", "orders", "[2]", null, "key-1", null, null, NOW, null))));

        assertEquals("Idempotency key already taken: key-1", taken.getMessage());
        assertEquals(List.of("r1"), rows("SELECT RUN_ID FROM WF_RUN"));
        assertEquals(List.of("r1"), rows("SELECT RUN_ID FROM WF_EVENT"));
    }
}
