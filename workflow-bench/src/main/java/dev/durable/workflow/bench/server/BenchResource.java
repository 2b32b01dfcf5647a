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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
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

    /**
     * {@code runs} runs of the workflow one after another: start() to terminal, in ms; and where the time
     * of a run goes, as medians: start() itself (the two-phase commit of the run's row and message), from
     * the row's creation to the first delivery's claim (the message's hop), from the claim to the end
     * (executing), and from the end to the caller's returnValue() seeing it.
     */
    @POST
    @Path("latency")
    public JsonObject latency(@QueryParam("workflow") String workflow, @QueryParam("runs") int runs) {
        double[] ms = new double[runs];
        double[] startCall = new double[runs];
        double[] toClaim = new double[runs];
        double[] executing = new double[runs];
        double[] toCaller = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Run<Integer> run = workflows.start(workflow, List.of(0));
            long t1 = System.nanoTime();
            run.returnValue(WAIT);
            Instant seen = Instant.now();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            startCall[i] = (t1 - t0) / 1e6;
            Instant started = run.startedAt().orElseThrow();
            Instant completed = run.completedAt().orElseThrow();
            toClaim[i] = Duration.between(run.createdAt(), started).toNanos() / 1e6;
            executing[i] = Duration.between(started, completed).toNanos() / 1e6;
            toCaller[i] = Duration.between(completed, seen).toNanos() / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        JsonArrayBuilder samples = Json.createArrayBuilder();
        for (double v : ms) {
            samples.add(round(v));
        }
        return Json.createObjectBuilder().add("workflow", workflow).add("runs", runs)
                .add("p50Ms", round(percentile(sorted, 0.50))).add("p90Ms", round(percentile(sorted, 0.90)))
                .add("startCallMs", round(median(startCall))).add("createdToClaimedMs", round(median(toClaim)))
                .add("claimedToCompletedMs", round(median(executing))).add("completedToCallerMs", round(median(toCaller)))
                .add("samplesMs", samples).build();
    }

    /**
     * {@code runs} runs of {@code approval} one after another: each waits on its hook, suspended; then the
     * hook is resumed, and the time from {@code resumeHook()} to the end of the workflow's next step (its
     * {@code step_completed}) is measured, and the {@code resumeHook()} call itself.
     */
    @POST
    @Path("hooks")
    public JsonObject hooks(@QueryParam("runs") int runs) {
        double[] toStep = new double[runs];
        double[] resumeCall = new double[runs];
        for (int i = 0; i < runs; i++) {
            String order = "bench-" + UUID.randomUUID();
            Run<String> run = workflows.start("approval", List.of(order));
            awaitSuspended(run);
            Instant before = Instant.now();
            long t0 = System.nanoTime();
            workflows.resumeHook("approval:" + order, Json.createObjectBuilder().add("approved", true).add("by", "bench").build());
            resumeCall[i] = (System.nanoTime() - t0) / 1e6;
            run.returnValue(WAIT);
            Instant stepDone = inspector.listSteps(run.runId(), 10, null).data().get(0).completedAt();
            toStep[i] = Duration.between(before, stepDone).toNanos() / 1e6;
        }
        double[] sorted = toStep.clone();
        Arrays.sort(sorted);
        return Json.createObjectBuilder().add("runs", runs)
                .add("resumeToStepP50Ms", round(percentile(sorted, 0.50)))
                .add("resumeToStepP90Ms", round(percentile(sorted, 0.90)))
                .add("resumeCallMs", round(median(resumeCall))).build();
    }

    /** {@code runs} runs of {@code sleeping} for {@code ms} one after another: how late each woke (p50, p90, max). */
    @POST
    @Path("sleeps")
    public JsonObject sleeps(@QueryParam("runs") int runs, @QueryParam("ms") int ms) {
        double[] late = new double[runs];
        for (int i = 0; i < runs; i++) {
            Run<Number> run = workflows.start("sleeping", List.of(ms + "ms"));
            late[i] = run.returnValue(WAIT).doubleValue() - ms;
        }
        Arrays.sort(late);
        return Json.createObjectBuilder().add("runs", runs).add("sleepMs", ms)
                .add("overshootP50Ms", round(percentile(late, 0.5))).add("overshootP90Ms", round(percentile(late, 0.9)))
                .add("overshootMaxMs", round(late[runs - 1])).build();
    }

    /** {@code runs} start() calls of {@code noop} one after another, each timed alone; then all awaited. */
    @POST
    @Path("starts")
    public JsonObject starts(@QueryParam("runs") int runs) {
        double[] ms = new double[runs];
        List<Run<Integer>> started = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            started.add(workflows.start("noop", List.of(i)));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        started.forEach(r -> r.returnValue(WAIT));
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return Json.createObjectBuilder().add("runs", runs).add("startP50Ms", round(percentile(sorted, 0.5), 3))
                .add("startP90Ms", round(percentile(sorted, 0.9), 3)).add("startP99Ms", round(percentile(sorted, 0.99), 3))
                .build();
    }

    /** Waits until the run has created its hook and let go of its lease (its delivery has ended). */
    private void awaitSuspended(Run<?> run) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!inspector.listHooks(run.runId()).isEmpty() && leaseFree(run.runId())) {
                return;
            }
            pause(2);
        }
        throw new IllegalStateException("Run " + run.runId() + " did not suspend on its hook");
    }

    private boolean leaseFree(String runId) {
        try (var c = dataSource.getConnection();
             var q = c.prepareStatement("SELECT LEASE_TOKEN FROM WF_RUN WHERE RUN_ID = ?")) {
            q.setString(1, runId);
            try (var r = q.executeQuery()) {
                return r.next() && r.getString(1) == null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
     * the recorded timestamps. Before each run, the database's floors are measured again (see
     * {@link #commitFloor}), so that each run is compared with the disk as it was at that moment: the
     * cost of a commit on a shared machine drifts by a factor of two within minutes. Reports medians.
     */
    @POST
    @Path("gaps")
    public JsonObject gaps(@QueryParam("workflow") String workflow, @QueryParam("windows") String windows,
                           @QueryParam("runs") int runs) throws SQLException {
        String[] froms = windows.split(",");
        double[] mean = new double[runs];
        double[] commit = new double[runs];
        double[] stepSql = new double[runs];
        double[] ratio = new double[runs];
        double[][] window = new double[froms.length][runs];
        int steps = 0;
        for (int r = 0; r < runs; r++) {
            commit[r] = commitFloor(FLOOR_ROWS, false);
            stepSql[r] = commitFloor(FLOOR_ROWS, true);
            List<Instant> done = completions(workflow);
            steps = done.size();
            mean[r] = gapMs(done, 2, done.size());
            ratio[r] = mean[r] / commit[r];
            for (int w = 0; w < froms.length; w++) {
                int from = Integer.parseInt(froms[w].trim());
                // gaps ending at steps from..from+9; the first step's gap would include the run's start
                window[w][r] = gapMs(done, Math.max(2, from), from + 9);
            }
        }
        var windowGaps = Json.createObjectBuilder();
        for (int w = 0; w < froms.length; w++) {
            int from = Integer.parseInt(froms[w].trim());
            windowGaps.add(from + "-" + (from + 9), round(median(window[w]), 3));
        }
        return Json.createObjectBuilder().add("workflow", workflow).add("runs", runs).add("steps", steps)
                .add("meanGapMs", round(median(mean), 3)).add("commitMs", round(median(commit), 3))
                .add("stepSqlMs", round(median(stepSql), 3)).add("perStepOverCommit", round(median(ratio)))
                .add("windowMeanGapMs", windowGaps).build();
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 0.5);
    }

    /** Rows per floor measurement taken next to each measured run. */
    private static final int FLOOR_ROWS = 500;

    /**
     * The database's floor: batches of {@code rows} single-row INSERT + COMMIT, one commit per row, on the
     * engine's own data source; and the same for a step's SQL alone (see {@link #commitFloor}). Reports
     * the median batch.
     */
    @POST
    @Path("floor")
    public JsonObject floor(@QueryParam("rows") int rows) throws SQLException {
        double[] commit = new double[3];
        double[] stepSql = new double[3];
        for (int batch = 0; batch < commit.length; batch++) {
            commit[batch] = commitFloor(rows, false);
            stepSql[batch] = commitFloor(rows, true);
        }
        double median = median(commit);
        return Json.createObjectBuilder().add("commits", rows * commit.length)
                .add("commitsPerSec", round(1000 / median)).add("msPerCommit", round(median, 4))
                .add("stepSqlMs", round(median(stepSql), 4)).build();
    }

    /**
     * Milliseconds per transaction over {@code rows} transactions on one connection, with plain JDBC:
     * one single-row INSERT and a COMMIT; or, for {@code stepSql}, what the engine's JDBC path sends for
     * one step, on tables of the same shape: a fenced UPDATE of the run's row and three event INSERTs in
     * one batch (on PostgreSQL, the UPDATE and the INSERTs as one statement), then a COMMIT. The first is
     * the physical floor; the gap between the second and a measured step is what the engine itself costs.
     */
    private double commitFloor(int rows, boolean stepSql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                for (String table : new String[] {"WF_BENCH_FLOOR", "WF_BENCH_RUN"}) {
                    try {
                        s.execute("DROP TABLE " + table);
                    } catch (SQLException absent) {
                        // first time
                    }
                }
                s.execute("CREATE TABLE WF_BENCH_FLOOR (ID INT, SEQ INT, TYPE VARCHAR(32), DATA VARCHAR(200), PRIMARY KEY (ID, SEQ))");
                s.execute("CREATE TABLE WF_BENCH_RUN (ID INT PRIMARY KEY, TOKEN VARCHAR(40), N INT, STATUS VARCHAR(16))");
                s.execute("INSERT INTO WF_BENCH_RUN VALUES (1, 'lease', 0, 'running')");
            }
            c.setAutoCommit(false);
            boolean oneStatement = stepSql && c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            String fence = "UPDATE WF_BENCH_RUN SET N = ? WHERE ID = 1 AND TOKEN = 'lease' AND N = ? AND STATUS = 'running'";
            long t0;
            try (PreparedStatement update = c.prepareStatement(oneStatement ? "WITH fence AS (" + fence + " RETURNING ID) "
                         + "INSERT INTO WF_BENCH_FLOOR SELECT fence.ID, e.seq, e.type, e.data FROM fence CROSS JOIN "
                         + "(VALUES (CAST(? AS INTEGER), CAST(? AS VARCHAR), CAST(? AS VARCHAR)), (?, ?, ?), (?, ?, ?)) "
                         + "AS e (seq, type, data)" : fence);
                 PreparedStatement insert = c.prepareStatement("INSERT INTO WF_BENCH_FLOOR VALUES (1, ?, ?, ?)")) {
                t0 = System.nanoTime();
                for (int i = 0; i < rows; i++) {
                    if (oneStatement) {
                        update.setInt(1, 3 * i + 3);
                        update.setInt(2, 3 * i);
                        for (int k = 0; k < 3; k++) {
                            update.setInt(3 + 3 * k, 3 * i + k);
                            update.setString(4 + 3 * k, "step_completed");
                            update.setString(5 + 3 * k, "{\"output\":" + i + "}");
                        }
                        if (update.executeUpdate() != 3) {
                            throw new IllegalStateException("the fenced append found no row");
                        }
                    } else if (stepSql) {
                        update.setInt(1, 3 * i + 3);
                        update.setInt(2, 3 * i);
                        if (update.executeUpdate() != 1) {
                            throw new IllegalStateException("the fenced UPDATE found no row");
                        }
                        for (int k = 0; k < 3; k++) {
                            insert.setInt(1, 3 * i + k);
                            insert.setString(2, "step_completed");
                            insert.setString(3, "{\"output\":" + i + "}");
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    } else {
                        insert.setInt(1, i);
                        insert.setString(2, "step_completed");
                        insert.setString(3, "{\"output\":" + i + "}");
                        insert.executeUpdate();
                    }
                    c.commit();
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6 / rows;
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE WF_BENCH_FLOOR");
                s.execute("DROP TABLE WF_BENCH_RUN");
            }
            return ms;
        }
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

    /**
     * One step writing {@code chunks} chunks of about 100 bytes, as fast as it can: chunks/s and ms per
     * chunk (each write is its own commit), and that as a ratio to the bare commit measured just before.
     */
    @POST
    @Path("streamWrite")
    public JsonObject streamWrite(@QueryParam("chunks") int chunks) throws SQLException {
        double commit = commitFloor(2000, false);
        Run<?> run = workflows.start("streamBench", List.of("write-" + UUID.randomUUID(), chunks, 0, 0));
        long nanos = ((Number) run.returnValue(WAIT)).longValue();
        double msPerChunk = nanos / 1e6 / chunks;
        return Json.createObjectBuilder().add("chunks", chunks)
                .add("chunksPerSec", round(chunks / (nanos / 1e9), 0)).add("msPerChunk", round(msPerChunk, 4))
                .add("commitMs", round(commit, 4)).add("chunkOverCommit", round(msPerChunk / commit)).build();
    }

    /**
     * {@code readers} SSE clients of one run's default stream while a step writes {@code chunks} chunks,
     * {@code pauseMs} apart: whether each client got every chunk in order and then the end of the stream,
     * and the latency from {@code write} returning to a client receiving the chunk (p50, p99, max over
     * every chunk of every client). The clients connect over HTTP to this server, as a browser would.
     */
    @POST
    @Path("streamRead")
    public JsonObject streamRead(@QueryParam("readers") int readers, @QueryParam("chunks") int chunks,
                                 @QueryParam("pauseMs") int pauseMs, @Context UriInfo uri,
                                 @jakarta.ws.rs.HeaderParam("Authorization") String authorization) throws Exception {
        String key = "read-" + UUID.randomUUID();
        // the step waits 3 s before writing, for every client to be connected
        Run<?> run = workflows.start("streamBench", List.of(key, chunks, pauseMs, 3000));
        URI url = uri.getBaseUri().resolve("/workflow/api/runs/" + run.runId() + "/streams/default");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<SseClient> clients = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            SseClient c = new SseClient(chunks);
            clients.add(c);
            // the stream's readers sign in as the benchmark's caller did
            responses.add(client.sendAsync(HttpRequest.newBuilder(url).header("Accept", "text/event-stream")
                    .header("Authorization", authorization).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(c)));
        }
        run.returnValue(WAIT);
        long[] returned = StreamBench.RETURNED.remove(key);
        int complete = 0;
        List<Double> latencies = new ArrayList<>();
        String firstProblem = "";
        for (int i = 0; i < readers; i++) {
            SseClient c = clients.get(i);
            if (!c.ended.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                firstProblem = firstProblem.isEmpty() ? "client " + i + " got no end event" : firstProblem;
                continue;
            }
            responses.get(i).get();
            if (c.inOrder && c.count == chunks) {
                complete++;
            } else if (firstProblem.isEmpty()) {
                firstProblem = "client " + i + " got " + c.count + " chunks, in order: " + c.inOrder;
            }
            for (int k = 0; k < Math.min(c.count, chunks); k++) {
                latencies.add((c.received[k] - returned[k]) / 1e6);
            }
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Json.createObjectBuilder().add("readers", readers).add("chunks", chunks).add("pauseMs", pauseMs)
                .add("readersWithEveryChunkInOrder", complete).add("problem", firstProblem)
                .add("writeToClientP50Ms", round(percentile(sorted, 0.50)))
                .add("writeToClientP99Ms", round(percentile(sorted, 0.99)))
                .add("writeToClientMaxMs", round(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1])).build();
    }

    /** One SSE client: when each chunk's event arrived, whether the ids came 0, 1, 2… and the end event. */
    private static final class SseClient implements java.util.concurrent.Flow.Subscriber<String> {
        final long[] received;
        final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        int count;
        boolean inOrder = true;

        SseClient(int chunks) {
            received = new long[chunks];
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                long now = System.nanoTime();
                int id = Integer.parseInt(line.substring(3).trim());
                if (id != count || id >= received.length) {
                    inOrder = false;
                    return;
                }
                received[count++] = now;
            } else if (line.startsWith("event:") && line.contains("end")) {
                ended.countDown();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            inOrder = false;
            ended.countDown();
        }

        @Override
        public void onComplete() {
            ended.countDown();
        }
    }

    /** Deletes every run, so that a benchmark on a shared database starts from an empty one. */
    @POST
    @Path("reset")
    public JsonObject reset() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM WF_STREAM_CHUNK");
            s.executeUpdate("DELETE FROM WF_STREAM");
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
