package dev.durable.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.engine.Event;
import dev.durable.workflow.engine.EventData;
import dev.durable.workflow.engine.Journal;
import dev.durable.workflow.engine.LoadedRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC fast path against a real embedded Derby database: the fence of each write, and what it hands
 * to the JPA store. The tables here carry the columns {@link RunEntity} and {@link EventEntity} map; the
 * integration tests run the same path on the schema JPA generates, on Derby and PostgreSQL.
 */
class DeliveryJournalTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static int databases;

    private EmbeddedDataSource dataSource;
    private final List<String> handedOver = new ArrayList<>();
    /** The JPA store's locked paths, replaced by a record of what was handed to them. */
    private final DeliveryStore store = new DeliveryStore() {
        @Override
        public int append(LoadedRun run, List<Event> events) {
            handedOver.add("append " + events.size());
            return Journal.FENCE_LOST;
        }

        @Override
        public boolean completeRun(LoadedRun run, List<String> activeHooks, String outputJson) {
            handedOver.add("complete");
            return false;
        }

        @Override
        public boolean failRun(LoadedRun run, List<String> activeHooks, ErrorCode code, String message) {
            handedOver.add("fail");
            return false;
        }
    };
    private DeliveryJournal journal;

    @BeforeEach
    void createDatabase() throws SQLException {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:deliveryJournal" + (++databases));
        dataSource.setCreateDatabase("create");
        sql("CREATE TABLE WF_RUN (RUN_ID VARCHAR(40) PRIMARY KEY, WORKFLOW_NAME VARCHAR(200) NOT NULL, "
                + "STATUS VARCHAR(16) NOT NULL, INPUT_JSON CLOB, OUTPUT_JSON CLOB, ERROR_CODE VARCHAR(40), "
                + "ERROR_MESSAGE CLOB, STARTED_AT TIMESTAMP, COMPLETED_AT TIMESTAMP, UPDATED_AT TIMESTAMP NOT NULL, "
                + "EVENT_COUNT INTEGER NOT NULL, LEASE_OWNER VARCHAR(300), LEASE_TOKEN VARCHAR(40), "
                + "LEASE_UNTIL TIMESTAMP, WAKE_AT TIMESTAMP, PARENT_RUN_ID VARCHAR(40), TRACE_PARENT VARCHAR(64))");
        sql("CREATE TABLE WF_EVENT (RUN_ID VARCHAR(40) NOT NULL, SEQ INTEGER NOT NULL, EVENT_ID VARCHAR(40) NOT NULL, "
                + "EVENT_TYPE VARCHAR(32) NOT NULL, CORRELATION_ID VARCHAR(40), CREATED_AT TIMESTAMP NOT NULL, "
                + "EVENT_DATA CLOB, PRIMARY KEY (RUN_ID, SEQ))");
        sql("INSERT INTO WF_RUN (RUN_ID, WORKFLOW_NAME, STATUS, INPUT_JSON, UPDATED_AT, EVENT_COUNT, PARENT_RUN_ID, "
                + "TRACE_PARENT) VALUES ('r1', 'flow', 'pending', '[1]', CURRENT_TIMESTAMP, 1, 'parent', "
                + "'00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')");
        sql("INSERT INTO WF_EVENT VALUES ('r1', 0, 'e0', 'run_created', NULL, CURRENT_TIMESTAMP, '{}')");
        journal = new DeliveryJournal(dataSource, store);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private String column(String column) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT " + column + " FROM WF_RUN WHERE RUN_ID = 'r1'")) {
            r.next();
            return r.getString(1);
        }
    }

    private List<String> eventTypes() throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT EVENT_TYPE FROM WF_EVENT WHERE RUN_ID = 'r1' ORDER BY SEQ")) {
            while (r.next()) {
                types.add(r.getString(1));
            }
        }
        return types;
    }

    private Claim claim(Instant now) {
        return journal.claim("r1", "server-a", now, now.plus(Duration.ofSeconds(60)));
    }

    private static List<Event> stepEvents(String stepId, String output) {
        return List.of(EventData.stepCreated(stepId, NOW, "inc", "[1]"), EventData.stepStarted(stepId, NOW, 1),
                EventData.stepCompleted(stepId, NOW, output));
    }

    @Test
    void claimingAPendingRunStartsItAndLoadsItsLog() throws SQLException {
        Claim claim = claim(NOW);
        assertEquals(Claim.Kind.CLAIMED, claim.kind());
        LoadedRun run = claim.run();
        assertEquals("flow", run.workflowName());
        assertEquals("[1]", run.inputJson());
        assertEquals(NOW, run.startedAt());
        assertEquals(2, run.eventCount());
        assertEquals("parent", run.parentRunId());
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", run.traceParent());
        assertTrue(run.events().isEmpty(), "run events are not part of the replayed log");
        assertEquals("running", column("STATUS"));
        assertEquals(run.leaseToken(), column("LEASE_TOKEN"));
        assertEquals(List.of("run_created", "run_started"), eventTypes());
    }

    @Test
    void aLeasedRunIsBusyUntilItsLeaseRunsOut() {
        LoadedRun first = claim(NOW).run();
        Claim second = claim(NOW.plusSeconds(30));
        assertEquals(Claim.Kind.BUSY, second.kind());
        assertEquals(NOW.plusSeconds(60), second.busyUntil());
        Claim later = claim(NOW.plusSeconds(61));
        assertEquals(Claim.Kind.CLAIMED, later.kind());
        assertFalse(first.leaseToken().equals(later.run().leaseToken()));
        assertEquals(2, later.run().eventCount(), "a running run is not started twice");
    }

    @Test
    void aMissingRunAndAnEndedRunAreToldApart() throws SQLException {
        assertEquals(Claim.Kind.MISSING, journal.claim("nope", "server-a", NOW, NOW.plusSeconds(60)).kind());
        sql("UPDATE WF_RUN SET STATUS = 'completed'");
        Claim done = claim(NOW);
        assertEquals(Claim.Kind.DONE, done.kind());
        assertEquals("parent", done.parentRunId());
    }

    @Test
    void stepsAppendUnderTheFenceAndTheLogReadsBackInOrder() throws SQLException {
        LoadedRun run = claim(NOW).run();
        assertEquals(5, journal.append(run, 2, stepEvents("s1", "2")));
        assertEquals(8, journal.append(run, 5, stepEvents("s2", "3")));
        assertEquals("8", column("EVENT_COUNT"));
        assertEquals(Timestamp.from(NOW.plusSeconds(60)).toString(), column("LEASE_UNTIL"), "each step renews the lease");
        assertTrue(handedOver.isEmpty());

        List<Event> log = claim(NOW.plusSeconds(61)).run().events();
        assertEquals(6, log.size());
        assertEquals(List.of(2, 3, 4, 5, 6, 7), log.stream().map(Event::seq).toList());
        assertEquals("s2", log.get(5).correlationId());
        assertEquals("{\"output\":3}", log.get(5).data());
        assertEquals(NOW, log.get(5).createdAt().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aLogLongerThanKnownOrALostLeaseGoesToTheLockedPathAndWritesNothing() throws SQLException {
        LoadedRun run = claim(NOW).run();
        assertEquals(Journal.FENCE_LOST, journal.append(run, 1, stepEvents("s1", "2")));
        sql("UPDATE WF_RUN SET LEASE_TOKEN = 'someone else'");
        assertEquals(Journal.FENCE_LOST, journal.append(run, 2, stepEvents("s1", "2")));
        assertEquals(List.of("append 3", "append 3"), handedOver);
        assertEquals(List.of("run_created", "run_started"), eventTypes());
        assertEquals("2", column("EVENT_COUNT"));
    }

    @Test
    void aCancelledRunTakesNoMoreSteps() throws SQLException {
        LoadedRun run = claim(NOW).run();
        sql("UPDATE WF_RUN SET STATUS = 'cancelled'");
        assertEquals(Journal.FENCE_LOST, journal.append(run, 2, stepEvents("s1", "2")));
        assertFalse(journal.completeRun(run, 2, List.of(), "7"));
        assertEquals(List.of("append 3", "complete"), handedOver);
        assertEquals(List.of("run_created", "run_started"), eventTypes());
    }

    @Test
    void completingEndsTheRunAndFreesItsLease() throws SQLException {
        LoadedRun run = claim(NOW).run();
        journal.append(run, 2, stepEvents("s1", "2"));
        assertTrue(journal.completeRun(run, 5, List.of(), "{\"total\":2}"));
        assertEquals("completed", column("STATUS"));
        assertEquals("{\"total\":2}", column("OUTPUT_JSON"));
        assertNull(column("LEASE_TOKEN"));
        assertEquals("6", column("EVENT_COUNT"));
        assertEquals("run_completed", eventTypes().get(5));
        assertEquals(Claim.Kind.DONE, claim(NOW).kind());
    }

    @Test
    void failingRecordsTheErrorInTheRunAndItsLastEvent() throws SQLException {
        LoadedRun run = claim(NOW).run();
        assertTrue(journal.failRun(run, 2, List.of(), ErrorCode.USER_ERROR, "it \"broke\""));
        assertEquals("failed", column("STATUS"));
        assertEquals("USER_ERROR", column("ERROR_CODE"));
        assertEquals("it \"broke\"", column("ERROR_MESSAGE"));
        assertNull(column("OUTPUT_JSON"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT EVENT_TYPE, EVENT_DATA FROM WF_EVENT WHERE SEQ = 2")) {
            r.next();
            assertEquals("run_failed", r.getString(1));
            assertEquals("{\"errorCode\":\"USER_ERROR\",\"errorMessage\":\"it \\\"broke\\\"\"}", r.getString(2));
        }
    }
}
