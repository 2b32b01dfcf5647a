package dev.durable.workflow.bench.server;

import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.StepInfo;
import dev.durable.workflow.api.WorkflowInspector;
import dev.durable.workflow.api.WorkflowService;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Measurements taken inside the server, through the same Java API an application uses: start() to the
 * moment returnValue() sees the run terminal, throughput of many runs, step gaps from the recorded
 * timestamps, and the physical floor of the database (one INSERT + COMMIT per row).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class BenchResource {
    private static final Duration WAIT = Duration.ofMinutes(5);

    @EJB
    WorkflowService workflows;

    @EJB
    WorkflowInspector inspector;

    @Resource(lookup = "jdbc/workflow")
    DataSource dataSource;

    /** {@code runs} runs of the workflow one after another: start() to terminal, in ms. */
    @POST
    @Path("latency")
    public JsonObject latency(@QueryParam("workflow") String workflow, @QueryParam("runs") int runs) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Run<Integer> run = workflows.start(workflow, List.of(0));
            run.returnValue(WAIT);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        JsonArrayBuilder samples = Json.createArrayBuilder();
        for (double v : ms) {
            samples.add(round(v));
        }
        return Json.createObjectBuilder().add("workflow", workflow).add("runs", runs)
                .add("p50Ms", round(percentile(sorted, 0.50))).add("p90Ms", round(percentile(sorted, 0.90)))
                .add("samplesMs", samples).build();
    }

    /** Starts {@code runs} runs at once and waits for all: runs/s and steps/s from first start to last end. */
    @POST
    @Path("throughput")
    public JsonObject throughput(@QueryParam("workflow") String workflow, @QueryParam("runs") int runs,
                                 @QueryParam("steps") int stepsPerRun) {
        long t0 = System.nanoTime();
        List<Run<Integer>> started = java.util.Collections.synchronizedList(new ArrayList<>(runs));
        // start from several threads, as concurrent callers would: one caller alone measures start()'s latency
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Callable<Object>> starts = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int n = i;
                starts.add(() -> started.add(workflows.start(workflow, List.of(n))));
            }
            for (var f : pool.invokeAll(starts)) {
                f.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        for (Run<Integer> run : started) {
            run.returnValue(WAIT);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return Json.createObjectBuilder().add("workflow", workflow).add("runs", runs)
                .add("seconds", round(seconds)).add("startSeconds", round(startSeconds))
                .add("runsPerSec", round(runs / seconds)).add("stepsPerSec", round(runs * (double) stepsPerRun / seconds))
                .build();
    }

    /**
     * {@code runs} runs of the workflow; for each, the mean gap between consecutive step completions over
     * the whole run and over steps [from, from+9] for each {@code from} in {@code windows} (1-based), from
     * the recorded timestamps. Reports the median over the runs.
     */
    @POST
    @Path("gaps")
    public JsonObject gaps(@QueryParam("workflow") String workflow, @QueryParam("windows") String windows,
                           @QueryParam("runs") int runs) {
        String[] froms = windows.split(",");
        double[] mean = new double[runs];
        double[][] window = new double[froms.length][runs];
        int steps = 0;
        for (int r = 0; r < runs; r++) {
            List<Instant> done = completions(workflow);
            steps = done.size();
            mean[r] = gapMs(done, 2, done.size());
            for (int w = 0; w < froms.length; w++) {
                int from = Integer.parseInt(froms[w].trim());
                // gaps ending at steps from..from+9; the first step's gap would include the run's start
                window[w][r] = gapMs(done, Math.max(2, from), from + 9);
            }
        }
        var windowGaps = Json.createObjectBuilder();
        for (int w = 0; w < froms.length; w++) {
            int from = Integer.parseInt(froms[w].trim());
            windowGaps.add(from + "-" + (from + 9), round(median(window[w])));
        }
        return Json.createObjectBuilder().add("workflow", workflow).add("runs", runs).add("steps", steps)
                .add("meanGapMs", round(median(mean), 3)).add("windowMeanGapMs", windowGaps).build();
    }

    private List<Instant> completions(String workflow) {
        Run<Integer> run = workflows.start(workflow, List.of(0));
        run.returnValue(WAIT);
        List<Instant> done = new ArrayList<>();
        String cursor = null;
        do {
            var page = inspector.listSteps(run.runId(), WorkflowInspector.MAX_LIMIT, cursor);
            page.data().stream().map(StepInfo::completedAt).forEach(done::add);
            cursor = page.hasMore() ? page.cursor() : null;
        } while (cursor != null);
        return done;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 0.5);
    }

    /**
     * The database's floor: batches of {@code rows} single-row INSERT + COMMIT, one commit per row, on the
     * engine's own data source; reports the median batch.
     */
    @POST
    @Path("floor")
    public JsonObject floor(@QueryParam("rows") int rows) throws SQLException {
        double[] msPerCommit = new double[3];
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE WF_BENCH_FLOOR");
            } catch (SQLException absent) {
                // first time
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE WF_BENCH_FLOOR (ID INT PRIMARY KEY, PAYLOAD VARCHAR(100))");
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO WF_BENCH_FLOOR VALUES (?, ?)")) {
                for (int batch = 0; batch < msPerCommit.length; batch++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < rows; i++) {
                        insert.setInt(1, batch * rows + i);
                        insert.setString(2, "row " + i);
                        insert.executeUpdate();
                        c.commit();
                    }
                    msPerCommit[batch] = (System.nanoTime() - t0) / 1e6 / rows;
                }
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE WF_BENCH_FLOOR");
            }
        }
        double median = median(msPerCommit);
        return Json.createObjectBuilder().add("commits", rows * msPerCommit.length)
                .add("commitsPerSec", round(1000 / median)).add("msPerCommit", round(median, 4)).build();
    }

    /**
     * Starts {@code runs} runs that sleep for an hour, waits until every one is suspended, and reports
     * the heap used after a full GC and the live threads, against the same before the runs.
     */
    @POST
    @Path("sleepers")
    public JsonObject sleepers(@QueryParam("runs") int runs) throws Exception {
        double heapBefore = heapMiB();
        int threadsBefore = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        long t0 = System.nanoTime();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> starts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int share = runs / 4 + (t < runs % 4 ? 1 : 0);
                starts.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        workflows.start("sleeping", List.of("1h"));
                    }
                    return null;
                }));
            }
            for (var f : starts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        int sleeping = 0;
        while (sleeping < runs && System.nanoTime() < deadline) {
            Thread.sleep(500);
            sleeping = countSleeping();
        }
        double allAsleepSeconds = (System.nanoTime() - t0) / 1e9;
        double heapAfter = heapMiB();
        int threadsAfter = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        return Json.createObjectBuilder().add("runs", runs).add("sleeping", sleeping)
                .add("startSeconds", round(startSeconds)).add("allAsleepSeconds", round(allAsleepSeconds))
                .add("heapBeforeMiB", round(heapBefore)).add("heapAfterMiB", round(heapAfter))
                .add("heapPerRunKiB", round((heapAfter - heapBefore) * 1024 / runs))
                .add("threadsBefore", threadsBefore).add("threadsAfter", threadsAfter).build();
    }

    private int countSleeping() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM WF_RUN WHERE WORKFLOW_NAME = 'sleeping' "
                     + "AND STATUS = 'running' AND WAKE_AT IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static double heapMiB() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }

    /** Deletes every run, so that a benchmark on a shared database starts from an empty one. */
    @POST
    @Path("reset")
    public JsonObject reset() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            int events = s.executeUpdate("DELETE FROM WF_EVENT");
            int runs = s.executeUpdate("DELETE FROM WF_RUN");
            return Json.createObjectBuilder().add("runs", runs).add("events", events).build();
        }
    }

    /** Heap used after a full GC, in MiB. */
    @GET
    @Path("heap")
    public JsonObject heap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return Json.createObjectBuilder().add("heapUsedMiB", round((rt.totalMemory() - rt.freeMemory()) / 1048576.0)).build();
    }

    private static double gapMs(List<Instant> done, int fromStep, int toStep) {
        int from = Math.max(2, fromStep);
        int to = Math.min(done.size(), toStep);
        if (to < from) {
            return Double.NaN;
        }
        Duration d = Duration.between(done.get(from - 2), done.get(to - 1));
        return d.toNanos() / 1e6 / (to - from + 1);
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double round(double v) {
        return round(v, 2);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Double.isNaN(v) ? -1 : Math.round(v * f) / f;
    }
}
