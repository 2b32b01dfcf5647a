package dev.durable.workflow.bench;

import dev.durable.workflow.bench.server.BenchApplication;
import dev.durable.workflow.bench.server.BenchResource;
import dev.durable.workflow.bench.server.PurgeBench;
import dev.durable.workflow.bench.server.StreamBench;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The benchmark driver: deploys the EAR plus a measuring web module to a Liberty server, starts it,
 * runs the workloads, prints a table and one JSON line with every figure, and stops the server.
 *
 * <p>Arguments: wlp home, server name, HTTP port, path of workflow.ear, database label.
 */
public final class Benchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The development user of the server's default security configuration (liberty-config's security-dev.xml). */
    private static final String DEV = "Basic " + java.util.Base64.getEncoder().encodeToString("dev:dev".getBytes());
    private static final String[] WORKLOADS = {"noop", "seq10", "seq100", "seq1000", "fanout100", "fanout1000"};

    private final Path wlp;
    private final String server;
    private final String base;

    private Benchmark(Path wlp, String server, int port) {
        this.wlp = wlp;
        this.server = server;
        this.base = "http://localhost:" + port;
    }

    public static void main(String[] args) throws Exception {
        Benchmark bench = new Benchmark(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        bench.deploy(new File(args[3]));
        bench.server("start");
        try {
            bench.awaitReady();
            bench.run(args[4]);
        } finally {
            bench.server("stop");
        }
    }

    private void run(String db) throws Exception {
        JsonObjectBuilder all = Json.createObjectBuilder()
                .add("date", Instant.now().toString()).add("database", db)
                .add("cores", Runtime.getRuntime().availableProcessors())
                .add("java", System.getProperty("java.version"));
        post("/bench/reset");
        log("warming up");
        // until the JIT has compiled the whole step path: the first few thousand steps run up to 2x slower
        post("/bench/latency?workflow=noop&runs=300");
        post("/bench/latency?workflow=seq10&runs=200");
        post("/bench/latency?workflow=seq1000&runs=15");
        post("/bench/floor?rows=200");

        JsonObject floor = post("/bench/floor?rows=2000");
        all.add("floor", floor);
        JsonObjectBuilder latency = Json.createObjectBuilder();
        for (String w : WORKLOADS) {
            log("latency " + w);
            latency.add(w, post("/bench/latency?workflow=" + w + "&runs=" + (w.equals("fanout1000") ? 5 : 20)));
        }
        JsonObject lat = latency.build();
        all.add("latency", lat);
        log("start() alone, 500 noop runs");
        post("/bench/starts?runs=200");
        JsonObject starts = post("/bench/starts?runs=500");
        all.add("starts", starts);
        log("100 ms sleeps");
        JsonObject sleeps = post("/bench/sleeps?runs=20&ms=100");
        all.add("sleeps", sleeps);
        log("throughput");
        JsonObject throughput = throughput();
        all.add("throughput", throughput);
        log("step gaps in seq1000");
        JsonObject gaps = post("/bench/gaps?workflow=seq1000&windows=1,491,991&runs=7");
        all.add("gaps", gaps);

        log("hook resume latency");
        post("/bench/hooks?runs=20");
        JsonObject hooks = post("/bench/hooks?runs=100");
        all.add("hooks", hooks);

        log("streams: one step writing 10,000 chunks");
        post("/bench/streamWrite?chunks=2000");
        JsonObject streamWrite = post("/bench/streamWrite?chunks=10000");
        all.add("streamWrite", streamWrite);
        log("streams: write to SSE client, 1 and 100 clients");
        post("/bench/streamRead?readers=1&chunks=100&pauseMs=10");
        JsonObject streamRead1 = post("/bench/streamRead?readers=1&chunks=500&pauseMs=10");
        all.add("streamRead1", streamRead1);
        JsonObject streamRead100 = post("/bench/streamRead?readers=100&chunks=200&pauseMs=10");
        all.add("streamRead100", streamRead100);

        log("10,000 sleeping runs");
        JsonObject sleepers = post("/bench/sleepers?runs=10000");
        all.add("sleepers", sleepers);
        int purgeRuns = Integer.getInteger("bench.purgeRuns", 100_000);
        if (purgeRuns > 0) {
            log("purgeRuns of " + purgeRuns + " seq10 runs, alone and beside 200 x seq10 rounds");
        }
        JsonObject purge = purgeRuns > 0 ? post("/bench/purge?runs=" + purgeRuns) : null;
        if (purge != null) {
            all.add("purge", purge);
        }

        double perStep = gaps.getJsonNumber("meanGapMs").doubleValue();
        double commit = floor.getJsonNumber("msPerCommit").doubleValue();
        // the ratio compares each run with the floor measured right before it (see BenchResource.gaps)
        double perStepOverCommit = gaps.getJsonNumber("perStepOverCommit").doubleValue();
        double stepSql = gaps.getJsonNumber("stepSqlMs").doubleValue();
        JsonObject windows = gaps.getJsonObject("windowMeanGapMs");
        double early = windows.getJsonNumber("1-10").doubleValue();
        double late = windows.getJsonNumber("991-1000").doubleValue();
        all.add("perStepMs", perStep).add("perStepOverCommit", perStepOverCommit)
                .add("engineMsPerStep", round(perStep - stepSql))
                .add("lateOverEarlyStep", round(late / early));
        JsonObject result = all.build();

        System.out.println();
        System.out.printf(Locale.ROOT, "Durable workflows benchmark — %s, %d cores, Java %s, %s%n",
                db, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Instant.now());
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        row("bare JDBC INSERT+COMMIT", "%.3f ms/commit (%.0f commits/s)", commit,
                floor.getJsonNumber("commitsPerSec").doubleValue());
        for (String w : WORKLOADS) {
            JsonObject l = lat.getJsonObject(w);
            row(w + " start→completed", "p50 %.2f ms, p90 %.2f ms", l.getJsonNumber("p50Ms").doubleValue(),
                    l.getJsonNumber("p90Ms").doubleValue());
        }
        for (String w : new String[] {"noop", "seq10"}) {
            JsonObject l = lat.getJsonObject(w);
            row(w + ", where a run's time goes (medians)",
                    "start() %.2f ms; created → claimed %.2f ms; claimed → completed %.2f ms; completed → caller %.2f ms",
                    l.getJsonNumber("startCallMs").doubleValue(), l.getJsonNumber("createdToClaimedMs").doubleValue(),
                    l.getJsonNumber("claimedToCompletedMs").doubleValue(), l.getJsonNumber("completedToCallerMs").doubleValue());
        }
        row("start() alone (500 noop runs one after another)", "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms",
                starts.getJsonNumber("startP50Ms").doubleValue(), starts.getJsonNumber("startP90Ms").doubleValue(),
                starts.getJsonNumber("startP99Ms").doubleValue());
        row("sleep(\"100ms\") woke late by (20 runs)", "p50 %.1f ms, p90 %.1f ms, max %.1f ms",
                sleeps.getJsonNumber("overshootP50Ms").doubleValue(), sleeps.getJsonNumber("overshootP90Ms").doubleValue(),
                sleeps.getJsonNumber("overshootMaxMs").doubleValue());
        row("throughput, 200 × seq10 at once (median of 5 rounds after 5 unmeasured)", "%.1f runs/s, %.0f steps/s (rounds %s; the cold first round %.0f)",
                throughput.getJsonNumber("runsPerSec").doubleValue(), throughput.getJsonNumber("stepsPerSec").doubleValue(),
                throughput.getJsonArray("roundsStepsPerSec"), throughput.getJsonNumber("firstRoundStepsPerSec").doubleValue());
        row("a step's SQL alone, plain JDBC (fenced UPDATE + 3 INSERTs + COMMIT, as the engine sends it)", "%.3f ms",
                floor.getJsonNumber("stepSqlMs").doubleValue());
        row("per step (seq1000 mean gap, median of 7 runs)",
                "%.3f ms = %.2f × a bare commit (median of each run's ratio to the floor measured just before it; median floor %.3f ms)",
                perStep, perStepOverCommit, gaps.getJsonNumber("commitMs").doubleValue());
        row("the engine's own cost per step (per step − its SQL alone, alongside)", "%.3f ms", perStep - stepSql);
        row("seq1000 steps 1–10 / 491–500 / 991–1000", "%.3f / %.3f / %.3f ms per step", early,
                windows.getJsonNumber("491-500").doubleValue(), late);
        row("late step cost / early step cost", "%.2f", late / early);
        row("hook resumed → the workflow's next step done (approval, 100 runs)", "p50 %.2f ms, p90 %.2f ms; resumeHook() itself %.2f ms",
                hooks.getJsonNumber("resumeToStepP50Ms").doubleValue(), hooks.getJsonNumber("resumeToStepP90Ms").doubleValue(),
                hooks.getJsonNumber("resumeCallMs").doubleValue());
        row("one step writing 10,000 chunks of ~100 bytes", "%.0f chunks/s, %.3f ms per chunk = %.2f × a bare commit (%.3f ms, measured just before)",
                streamWrite.getJsonNumber("chunksPerSec").doubleValue(), streamWrite.getJsonNumber("msPerChunk").doubleValue(),
                streamWrite.getJsonNumber("chunkOverCommit").doubleValue(), streamWrite.getJsonNumber("commitMs").doubleValue());
        for (JsonObject r : new JsonObject[] {streamRead1, streamRead100}) {
            row("write returned → SSE client received, " + r.getInt("readers") + " client(s), " + r.getInt("chunks")
                            + " chunks 10 ms apart", "p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d of %d clients got every chunk in order%s",
                    r.getJsonNumber("writeToClientP50Ms").doubleValue(), r.getJsonNumber("writeToClientP99Ms").doubleValue(),
                    r.getJsonNumber("writeToClientMaxMs").doubleValue(), r.getInt("readersWithEveryChunkInOrder"),
                    r.getInt("readers"), r.getString("problem").isEmpty() ? "" : " (" + r.getString("problem") + ")");
        }
        row("10,000 runs sleeping at once", "heap %.0f → %.0f MiB (%.2f KiB per run), threads %d → %d; started in %.0f s, all asleep at %.0f s",
                sleepers.getJsonNumber("heapBeforeMiB").doubleValue(), sleepers.getJsonNumber("heapAfterMiB").doubleValue(),
                sleepers.getJsonNumber("heapPerRunKiB").doubleValue(), sleepers.getInt("threadsBefore"),
                sleepers.getInt("threadsAfter"), sleepers.getJsonNumber("startSeconds").doubleValue(),
                sleepers.getJsonNumber("allAsleepSeconds").doubleValue());
        if (purge != null) {
            JsonObject alone = purge.getJsonObject("alone");
            JsonObject beside = purge.getJsonObject("beside");
            row("purgeRuns of " + purge.getInt("runs") + " seq10 runs (" + purge.getJsonNumber("eventsPerRun") + " events each), alone",
                    "%.1f s: %d runs/s, %d rows/s", alone.getJsonNumber("seconds").doubleValue(),
                    alone.getJsonNumber("runsPerSec").longValue(), alone.getJsonNumber("rowsPerSec").longValue());
            row("the same purge beside 200 × seq10 rounds", "%.1f s: %d rows/s; the rounds %.0f steps/s during it against %.0f alone (%s)",
                    beside.getJsonNumber("seconds").doubleValue(), beside.getJsonNumber("rowsPerSec").longValue(),
                    beside.getJsonNumber("throughputDuringStepsPerSec").doubleValue(),
                    purge.getJsonNumber("throughputAloneStepsPerSec").doubleValue(), beside.getJsonArray("throughputRoundsStepsPerSec"));
        }
        System.out.println();
        System.out.println("BENCHMARK_JSON " + result);
    }

    /**
     * 200 × seq10 at once, {@value #THROUGHPUT_ROUNDS} times after as many unmeasured rounds: the first
     * rounds on a fresh server run up to 1.6× slower while the JIT compiles the concurrent paths (many
     * deliveries and starts at once, which the latency runs do not exercise). Reports the round of median
     * steps/s, every measured round's steps/s, and the very first round's, which is the cold figure.
     */
    private JsonObject throughput() throws IOException, InterruptedException {
        String path = "/bench/throughput?workflow=seq10&runs=200&steps=10";
        double first = post(path).getJsonNumber("stepsPerSec").doubleValue();
        for (int i = 1; i < THROUGHPUT_ROUNDS; i++) {
            post(path);
        }
        java.util.List<JsonObject> rounds = new java.util.ArrayList<>();
        for (int i = 0; i < THROUGHPUT_ROUNDS; i++) {
            rounds.add(post(path));
        }
        var rates = Json.createArrayBuilder();
        rounds.forEach(r -> rates.add(r.getJsonNumber("stepsPerSec").doubleValue()));
        rounds.sort(java.util.Comparator.comparingDouble(r -> r.getJsonNumber("stepsPerSec").doubleValue()));
        JsonObject median = rounds.get(rounds.size() / 2);
        return Json.createObjectBuilder(median).add("rounds", THROUGHPUT_ROUNDS).add("roundsStepsPerSec", rates)
                .add("firstRoundStepsPerSec", first).build();
    }

    private static final int THROUGHPUT_ROUNDS = 5;

    private static void row(String figure, String format, Object... values) {
        System.out.println("| " + figure + " | " + String.format(Locale.ROOT, format, values) + " |");
    }

    /** Starts from an empty database and queue, so that runs left by an earlier benchmark do not interfere. */
    private void wipe() throws IOException {
        Path dir = wlp.resolve("usr/servers").resolve(server);
        for (String sub : new String[] {"data", "messaging"}) {
            Path p = dir.resolve(sub);
            if (Files.exists(p)) {
                try (var walk = Files.walk(p)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private void deploy(File ear) throws IOException {
        wipe();
        WebArchive bench = ShrinkWrap.create(WebArchive.class, "workflow-bench.war")
                .addClasses(BenchApplication.class, BenchResource.class, PurgeBench.class, StreamBench.class, StreamBench.Steps.class,
                        StreamBench.Steps.Chunk.class)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                // the benchmark reads runs through the inspector, which needs a role: as a signed-in admin
                .addAsWebInfResource(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                          <security-constraint>
                            <web-resource-collection><web-resource-name>bench</web-resource-name>
                              <url-pattern>/*</url-pattern></web-resource-collection>
                            <auth-constraint><role-name>workflow-admin</role-name></auth-constraint>
                          </security-constraint>
                          <login-config><auth-method>BASIC</auth-method></login-config>
                          <security-role><role-name>workflow-admin</role-name></security-role>
                        </web-app>
                        """), "web.xml");
        EnterpriseArchive app = ShrinkWrap.create(EnterpriseArchive.class, "workflow.ear")
                .merge(ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear))
                .addAsModule(bench)
                .setApplicationXML(new StringAsset("""
                        <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                          <application-name>workflow</application-name>
                          <module><ejb>workflow-ejb.jar</ejb></module>
                          <module><web><web-uri>workflow-web.war</web-uri><context-root>/workflow</context-root></web></module>
                          <module><web><web-uri>workflow-bench.war</web-uri><context-root>/bench</context-root></web></module>
                          <library-directory>lib</library-directory>
                        </application>
                        """));
        Path dropins = wlp.resolve("usr/servers").resolve(server).resolve("dropins");
        Files.createDirectories(dropins);
        app.as(ZipExporter.class).exportTo(dropins.resolve("workflow.ear").toFile(), true);
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                // as the development user of the server's default security configuration
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/workflow/api/workflows")).header("Authorization", DEV)
                        .build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The server did not start in time");
    }

    private JsonObject post(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", DEV)
                .timeout(Duration.ofMinutes(20)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    private void server(String action) throws IOException, InterruptedException {
        // --clean: otherwise the server may reuse the configuration cached by an earlier start (another database)
        String[] command = action.equals("start")
                ? new String[] {wlp.resolve("bin/server").toString(), action, server, "--clean"}
                : new String[] {wlp.resolve("bin/server").toString(), action, server};
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("server " + action + " timed out");
        }
    }

    private static void log(String what) {
        System.out.println("[bench] " + what);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
