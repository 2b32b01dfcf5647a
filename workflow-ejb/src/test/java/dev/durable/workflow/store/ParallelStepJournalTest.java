package dev.durable.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.EventData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A parallel step's JDBC writes against a real embedded Derby database: who may begin it, and when the run resumes. */
class ParallelStepJournalTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static int databases;

    private EmbeddedDataSource dataSource;
    private ParallelStepJournal journal;

    @BeforeEach
    void createDatabase() throws SQLException {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:parallelStepJournal" + (++databases));
        dataSource.setCreateDatabase("create");
        sql("CREATE TABLE WF_RUN (RUN_ID VARCHAR(40) PRIMARY KEY, WORKFLOW_NAME VARCHAR(200) NOT NULL, "
                + "STATUS VARCHAR(16) NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, EVENT_COUNT INTEGER NOT NULL, "
                + "LEASE_TOKEN VARCHAR(40), LEASE_UNTIL TIMESTAMP, AWAITING INTEGER)");
        sql("CREATE TABLE WF_EVENT (RUN_ID VARCHAR(40) NOT NULL, SEQ INTEGER NOT NULL, EVENT_ID VARCHAR(40) NOT NULL, "
                + "EVENT_TYPE VARCHAR(32) NOT NULL, CORRELATION_ID VARCHAR(40), CREATED_AT TIMESTAMP NOT NULL, "
                + "EVENT_DATA CLOB, PRIMARY KEY (RUN_ID, SEQ))");
        // a running run, parked awaiting two parallel steps
        sql("INSERT INTO WF_RUN VALUES ('r1', 'flow', 'running', CURRENT_TIMESTAMP, 3, NULL, NULL, 2)");
        sql("INSERT INTO WF_EVENT VALUES ('r1', 0, 'e0', 'run_created', NULL, CURRENT_TIMESTAMP, '{}')");
        sql("INSERT INTO WF_EVENT VALUES ('r1', 1, 'e1', 'step_created', 'sa', CURRENT_TIMESTAMP, "
                + "'{\"stepName\":\"Calc.add\",\"input\":[1,2]}')");
        sql("INSERT INTO WF_EVENT VALUES ('r1', 2, 'e2', 'step_created', 'sb', CURRENT_TIMESTAMP, "
                + "'{\"stepName\":\"Calc.add\",\"input\":[3,4]}')");
        journal = new ParallelStepJournal(dataSource);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private int intColumn(String column) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT " + column + " FROM WF_RUN WHERE RUN_ID = 'r1'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private List<String> events() throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT SEQ, EVENT_TYPE, CORRELATION_ID FROM WF_EVENT WHERE RUN_ID = 'r1' ORDER BY SEQ")) {
            while (r.next()) {
                events.add(r.getInt(1) + " " + r.getString(2) + (r.getString(3) == null ? "" : " " + r.getString(3)));
            }
        }
        return events;
    }

    @Test
    void beginningAnAttemptAppendsStepStartedAtTheNextPosition() throws SQLException {
        ParallelStep step = journal.begin("r1", "sa", NOW);

        assertEquals(1, step.attempt());
        assertEquals("flow", step.workflowName());
        assertEquals("Calc.add", step.stepName());
        assertEquals("[1,2]", step.inputJson());
        assertEquals(List.of("0 run_created", "1 step_created sa", "2 step_created sb", "3 step_started sa"), events());
        assertEquals(4, intColumn("EVENT_COUNT"));
    }

    @Test
    void aSecondDispatchOfARunningStepDoesNotRunItUntilItsAttemptIsPresumedDead() throws SQLException {
        journal.begin("r1", "sa", NOW);

        ParallelStep duplicate = journal.begin("r1", "sa", NOW.plusSeconds(1));
        assertEquals(0, duplicate.attempt());
        assertEquals(NOW.plus(EngineConfig.LEASE), duplicate.retryAt());
        assertEquals(4, intColumn("EVENT_COUNT"), "the position it took is given back");

        ParallelStep afterDeath = journal.begin("r1", "sa", NOW.plus(EngineConfig.LEASE));
        assertEquals(2, afterDeath.attempt());
        assertEquals(List.of("0 run_created", "1 step_created sa", "2 step_created sb", "3 step_started sa", "4 step_started sa"),
                events());
    }

    @Test
    void aFinishedStepOrAnEndedRunIsGoneAndNothingIsWritten() throws SQLException {
        journal.begin("r1", "sa", NOW);
        journal.finish("r1", List.of(EventData.stepCompleted("sa", NOW, "3")), true, false, NOW);

        assertEquals(0, journal.begin("r1", "sa", NOW).attempt(), "a completed step is not run again");
        assertEquals(5, intColumn("EVENT_COUNT"));

        sql("UPDATE WF_RUN SET STATUS = 'cancelled'");
        assertEquals(0, journal.begin("r1", "sb", NOW).attempt());
        assertFalse(journal.finish("r1", List.of(EventData.stepCompleted("sb", NOW, "7")), true, false, NOW));
        assertEquals(5, intColumn("EVENT_COUNT"));
        assertEquals(5, events().size());
    }

    @Test
    void theRunResumesWhenItsLastAwaitedStepEnds() throws SQLException {
        journal.begin("r1", "sa", NOW);
        journal.begin("r1", "sb", NOW);

        assertFalse(journal.finish("r1", List.of(EventData.stepCompleted("sa", NOW, "3")), true, false, NOW),
                "one step is still awaited");
        assertEquals(1, intColumn("AWAITING"));
        assertTrue(journal.finish("r1", List.of(EventData.stepCompleted("sb", NOW, "7")), true, false, NOW));
        assertEquals(0, intColumn("AWAITING"));
        assertEquals(List.of("0 run_created", "1 step_created sa", "2 step_created sb", "3 step_started sa",
                "4 step_started sb", "5 step_completed sa", "6 step_completed sb"), events());
    }

    @Test
    void aFailedStepResumesTheRunAtOnceAndARetryingAttemptDoesNotCount() throws SQLException {
        journal.begin("r1", "sa", NOW);
        assertFalse(journal.finish("r1", List.of(EventData.stepRetrying("sa", NOW, 1, NOW.plusSeconds(1))), false, false, NOW));
        assertEquals(2, intColumn("AWAITING"), "an attempt that will be retried is not an end");

        assertTrue(journal.finish("r1", List.of(EventData.stepFailed("sa", NOW, 2, "E", "broke", true)), true, true, NOW));
    }

    @Test
    void aRunThatADeliveryHoldsIsNotResumedThatDeliverySeesTheLogGrown() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE WF_RUN SET LEASE_TOKEN = 't', LEASE_UNTIL = ?, AWAITING = 1")) {
            s.setTimestamp(1, Timestamp.from(NOW.plusSeconds(60)));
            s.executeUpdate();
        }
        journal.begin("r1", "sa", NOW);

        assertFalse(journal.finish("r1", List.of(EventData.stepCompleted("sa", NOW, "3")), true, false, NOW));
        assertEquals(5, intColumn("EVENT_COUNT"));
    }

    @Test
    void manyStepsEndingAtOnceAreWrittenTogetherWithEveryEventInPlaceAndOneResume() throws Exception {
        int steps = 40;
        sql("INSERT INTO WF_RUN VALUES ('r2', 'flow', 'running', CURRENT_TIMESTAMP, " + (steps + 1) + ", NULL, NULL, " + steps + ")");
        sql("INSERT INTO WF_EVENT VALUES ('r2', 0, 'f0', 'run_created', NULL, CURRENT_TIMESTAMP, '{}')");
        for (int i = 1; i <= steps; i++) {
            sql("INSERT INTO WF_EVENT VALUES ('r2', " + i + ", 'f" + i + "', 'step_created', 's" + i + "', CURRENT_TIMESTAMP, "
                    + "'{\"stepName\":\"Calc.add\",\"input\":[" + i + ",1]}')");
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<Boolean>> resumes = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            String stepId = "s" + i;
            resumes.add(pool.submit(() -> {
                ParallelStep step = journal.begin("r2", stepId, NOW);
                assertEquals(1, step.attempt(), stepId);
                return journal.finish("r2", List.of(EventData.stepCompleted(stepId, NOW, "1")), true, false, NOW);
            }));
        }
        int resumed = 0;
        for (var r : resumes) {
            resumed += r.get() ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(1, resumed, "the last outcome, alone, resumes the run");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT EVENT_COUNT, AWAITING FROM WF_RUN WHERE RUN_ID = 'r2'")) {
                r.next();
                assertEquals(1 + 3 * steps, r.getInt(1));
                assertEquals(0, r.getInt(2));
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*), MIN(SEQ), MAX(SEQ), COUNT(DISTINCT SEQ) FROM WF_EVENT WHERE RUN_ID = 'r2'")) {
                r.next();
                assertEquals(List.of(1 + 3 * steps, 0, 3 * steps, 1 + 3 * steps),
                        List.of(r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4)), "every position taken once");
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM WF_EVENT WHERE RUN_ID = 'r2' AND EVENT_TYPE = 'step_started'")) {
                r.next();
                assertEquals(steps, r.getInt(1), "one attempt each");
            }
        }
    }
}
