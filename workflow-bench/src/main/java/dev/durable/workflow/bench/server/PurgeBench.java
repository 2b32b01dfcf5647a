package dev.durable.workflow.bench.server;

import dev.durable.workflow.api.JobInfo;
import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.WorkflowJobs;
import dev.durable.workflow.api.WorkflowService;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The purgeRuns job at scale: {@code runs} copies of a completed seq10 run (its row and its events, as the
 * engine wrote them) are written straight into the tables, then purged by the job as an operator would
 * submit it; once alone, once while 200 × seq10 rounds run beside it.
 */
@Path("/purge")
@Produces(MediaType.APPLICATION_JSON)
public class PurgeBench {
    private static final int SEED_BATCH = 500;

    @EJB
    WorkflowService workflows;

    @EJB
    WorkflowJobs jobs;

    @Resource(lookup = "jdbc/workflow")
    DataSource dataSource;

    @POST
    public JsonObject purge(@QueryParam("runs") int runs) throws Exception {
        Run<Integer> template = workflows.start("seq10", List.of(0));
        template.returnValue(Duration.ofMinutes(1));

        // read once: the first purge removes the template with its copies
        Template rows = template(template.runId());
        int[] seeded = seed(rows, runs, "a");
        JsonObject alone = purgeSeeded(seeded, null);

        // the throughput measurement itself, on this request's thread (it only starts runs and waits for them)
        BenchResource bench = new BenchResource();
        bench.workflows = workflows;
        double[] before = new double[3];
        for (int i = 0; i < before.length; i++) {
            before[i] = bench.throughput("seq10", 200, 10).getJsonNumber("stepsPerSec").doubleValue();
        }
        seeded = seed(rows, runs, "b");
        JsonObject beside = purgeSeeded(seeded, bench);
        Arrays.sort(before);
        return Json.createObjectBuilder().add("runs", runs).add("eventsPerRun", seeded[1] / (double) seeded[0])
                .add("alone", alone).add("beside", beside).add("throughputAloneStepsPerSec", before[1]).build();
    }

    /** Purges the seeded runs; with {@code bench}, measures 200 × seq10 rounds until the job ends. */
    private JsonObject purgeSeeded(int[] seeded, BenchResource bench) throws InterruptedException {
        Instant seededBefore = Instant.now();
        Thread.sleep(5);
        JobInfo job = jobs.submit(WorkflowJobs.PURGE_RUNS, Map.of("olderThanDays", "0", "workflowName", "seq10",
                "createdBefore", seededBefore.toString()));
        JsonArrayBuilder rounds = Json.createArrayBuilder();
        List<Double> during = new ArrayList<>();
        while (!ended(job.status())) {
            if (bench != null) {
                double stepsPerSec = bench.throughput("seq10", 200, 10).getJsonNumber("stepsPerSec").doubleValue();
                during.add(stepsPerSec);
                rounds.add(stepsPerSec);
            } else {
                Thread.sleep(200);
            }
            job = jobs.find(job.executionId()).orElseThrow();
        }
        if (!job.status().equals("COMPLETED")) {
            throw new IllegalStateException("purgeRuns ended " + job.status() + ": " + job);
        }
        double seconds = Duration.between(job.startedAt(), job.endedAt()).toMillis() / 1000.0;
        long rows = seeded[0] + (long) seeded[1];
        during.sort(null);
        return Json.createObjectBuilder().add("purged", job.written()).add("seconds", seconds)
                .add("runsPerSec", Math.round(job.written() / seconds)).add("rowsPerSec", Math.round(rows / seconds))
                .add("throughputDuringStepsPerSec", during.isEmpty() ? -1 : during.get(during.size() / 2))
                .add("throughputRoundsStepsPerSec", rounds).build();
    }

    private static boolean ended(String status) {
        return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("STOPPED") || status.equals("ABANDONED");
    }

    /** A completed run's row and its events, as the engine wrote them. */
    private record Template(Row run, List<Row> events) {
    }

    private Template template(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new Template(read(c, "SELECT * FROM WF_RUN WHERE RUN_ID = ?", runId).get(0),
                    read(c, "SELECT * FROM WF_EVENT WHERE RUN_ID = ? ORDER BY SEQ", runId));
        }
    }

    /** Writes {@code runs} copies of the template run and its events; answers {runs, events} written. */
    private int[] seed(Template template, int runs, String tag) throws SQLException {
        Row run = template.run();
        List<Row> events = template.events();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insertRun = c.prepareStatement(run.insert("WF_RUN"));
                 PreparedStatement insertEvent = c.prepareStatement(events.get(0).insert("WF_EVENT"))) {
                for (int i = 0; i < runs; i++) {
                    String id = String.format("wrun_0PURGE%s%014d", tag, i);
                    run.bind(insertRun, id, null);
                    insertRun.addBatch();
                    for (int e = 0; e < events.size(); e++) {
                        events.get(e).bind(insertEvent, id, String.format("evnt_0PURGE%s%08d%04d", tag, i, e));
                        insertEvent.addBatch();
                    }
                    if ((i + 1) % SEED_BATCH == 0 || i == runs - 1) {
                        insertRun.executeBatch();
                        insertEvent.executeBatch();
                        c.commit();
                    }
                }
            }
            analyze(c);
            return new int[] {runs, runs * events.size()};
        }
    }

    /**
     * Brings the planner's statistics up to date, as autovacuum does for tables that grow over days: right
     * after millions of rows appear at once, PostgreSQL's stale statistics put a sequential scan under a
     * delete by run id (measured: 656 ms per chunk of 100 runs before, 5.7 ms after).
     */
    private static void analyze(Connection c) throws SQLException {
        boolean postgres = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String table : List.of("WF_RUN", "WF_EVENT")) {
                s.execute(postgres ? "ANALYZE " + table : "CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', '" + table + "', NULL)");
            }
        }
    }

    private static List<Row> read(Connection c, String sql, String runId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    String[] names = new String[meta.getColumnCount()];
                    Object[] values = new Object[names.length];
                    int[] types = new int[names.length];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = meta.getColumnName(i + 1);
                        types[i] = meta.getColumnType(i + 1);
                        boolean text = types[i] == Types.CLOB || types[i] == Types.LONGVARCHAR || types[i] == Types.NCLOB;
                        values[i] = text ? rs.getString(i + 1) : rs.getObject(i + 1);
                    }
                    rows.add(new Row(names, values, types));
                }
                return rows;
            }
        }
    }

    /** One row as read, to be written again under another run id (and event id). */
    private record Row(String[] names, Object[] values, int[] types) {
        String insert(String table) {
            return "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(names.length, "?")) + ")";
        }

        void bind(PreparedStatement insert, String runId, String eventId) throws SQLException {
            for (int i = 0; i < names.length; i++) {
                Object value = switch (names[i].toUpperCase(java.util.Locale.ROOT)) {
                    case "RUN_ID" -> runId;
                    case "EVENT_ID" -> eventId;
                    case "IDEMPOTENCY_KEY" -> null;
                    default -> values[i];
                };
                if (value == null) {
                    insert.setNull(i + 1, types[i]);
                } else if (value instanceof String text) {
                    insert.setString(i + 1, text);
                } else {
                    insert.setObject(i + 1, value, types[i]);
                }
            }
        }
    }
}
