package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine's spans join the caller's trace across the queue: a request that carries a W3C
 * {@code traceparent} starts a run, and the run's start, each of its deliveries, its steps (on the
 * delivery's thread and on parallel ones), its sleep and its child run carry the caller's trace id; a
 * hook's resume is a span in the resumer's trace. Read from the spans the engine's default exporter
 * ({@code workflow-log}) writes to the server's log, with their parents.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A line of the engine's workflow-log exporter. */
    private static final Pattern SPAN = Pattern.compile(
            "span '([^']+)' trace=([0-9a-f]{32}) span=([0-9a-f]{16}) parent=([0-9a-f]{16}|-) kind=(\\w+) status=(\\w+) ms=\\S+ \\{(.*)}");
    private static final Path LOG = Path.of(System.getProperty("wlp.home", "target/liberty/wlp")).toAbsolutePath()
            .resolve("usr/servers/" + ("postgresql".equals(System.getProperty("arquillian.launch")) ? "wf-pg" : "wf-derby"))
            .resolve("logs/messages.log");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    /** One span as the logging exporter printed it. */
    record Span(String name, String traceId, String spanId, String parentId, String kind, String status, String attributes) {
        boolean of(String runId) {
            return attributes.contains("workflow.run.id=" + runId);
        }
    }

    @Test
    void aRunsSpansShareTheCallersTrace() {
        Http api = api();
        String trace = traceId();
        String runId = startTraced(api, trace, "{\"workflowName\":\"addTen\",\"args\":[1]}");
        assertEquals(11, api.awaitTerminal(runId, WAIT).getJsonNumber("output").intValue());

        List<Span> spans = awaitSpans(trace, all -> count(all, s -> s.name().equals("run addTen") && s.of(runId)
                && s.attributes().contains("workflow.run.status=completed")) == 1);
        Span request = one(spans, s -> s.name().equals("POST /workflow/api/runs") && s.kind().equals("SERVER"));
        Span start = one(spans, s -> s.name().equals("start addTen") && s.kind().equals("PRODUCER") && s.of(runId));
        Span run = one(spans, s -> s.name().equals("run addTen") && s.kind().equals("CONSUMER") && s.of(runId));
        assertEquals(request.spanId(), start.parentId(), "start() is a child of the request that called it");
        assertEquals(start.spanId(), run.parentId(), "the delivery continues the start's span across the queue");
        assertTrue(run.attributes().contains("workflow.run.status=completed"), run.toString());
        List<Span> steps = spans.stream().filter(s -> s.name().equals("step MathSteps.add")).toList();
        assertEquals(3, steps.size(), spans.toString());
        steps.forEach(step -> {
            assertEquals(run.spanId(), step.parentId(), step.toString());
            assertTrue(step.of(runId), step.toString());
            assertTrue(step.attributes().contains("workflow.step.attempt=1"), step.toString());
            assertTrue(step.attributes().contains("workflow.step.id=step_"), step.toString());
        });
    }

    @Test
    void parallelStepsASleepAndAChildStayInTheTrace() {
        Http api = api();
        String trace = traceId();
        String parallel = startTraced(api, trace, "{\"workflowName\":\"parallelSum\",\"args\":[4]}");
        String sleeper = startTraced(api, trace, "{\"workflowName\":\"sleeping\",\"args\":[\"1s\"]}");
        String parent = startTraced(api, trace, "{\"workflowName\":\"parentChild\",\"args\":[2]}");
        for (String runId : List.of(parallel, sleeper, parent)) {
            assertEquals("completed", api.awaitTerminal(runId, WAIT).getString("status"), runId);
        }

        // spans are written as they end, in batches: wait for the delivery that ended each run
        List<Span> spans = awaitSpans(trace, all -> List.of(parallel, sleeper, parent).stream().allMatch(id ->
                count(all, s -> s.name().startsWith("run ") && s.of(id) && s.attributes().contains("workflow.run.status=completed")) == 1)
                && count(all, s -> s.name().equals("run addTen") && s.attributes().contains("workflow.run.status=completed")) == 1);
        Span parallelRun = one(spans, s -> s.name().equals("run parallelSum"));
        assertEquals(4, count(spans, s -> s.name().equals("step MathSteps.value") && s.of(parallel)
                && s.parentId().equals(parallelRun.spanId())), "parallel steps are children of their delivery: " + spans);
        // the sleep spans the time between the delivery that began it and the one that ended it, both in the trace
        assertEquals(1, count(spans, s -> s.name().equals("sleep") && s.of(sleeper)), spans.toString());
        assertTrue(count(spans, s -> s.name().equals("run sleeping") && s.of(sleeper)) >= 2, spans.toString());
        // the child is started by a step of the parent's, so it joins the trace without a caller's header
        Span childStart = one(spans, s -> s.name().equals("start addTen"));
        Span startStep = one(spans, s -> s.name().equals("step start(addTen)") && s.spanId().equals(childStart.parentId()));
        assertTrue(startStep.of(parent), startStep.toString());
        one(spans, s -> s.name().equals("run parentChild") && s.spanId().equals(startStep.parentId()));
        one(spans, s -> s.name().equals("run addTen") && s.parentId().equals(childStart.spanId()));
        assertEquals(3, count(spans, s -> s.name().equals("step MathSteps.add")), spans.toString());
    }

    @Test
    void aHookResumeIsASpanInTheResumersTrace() {
        Http api = api();
        String order = "trace-" + UUID.randomUUID();
        String runId = api.start("{\"workflowName\":\"approval\",\"args\":[\"" + order + "\"]}");
        api.awaitRun(runId, WAIT, r -> api.get("/hooks/approval:" + order).statusCode() == 200);
        String trace = traceId();
        HttpResponse<String> resumed = api.send(HttpRequest.newBuilder(api.uri("/hooks/approval:" + order))
                .header("Content-Type", "application/json").header("traceparent", traceParent(trace))
                .POST(HttpRequest.BodyPublishers.ofString("{\"approved\":true,\"by\":\"tracing\"}")));
        assertEquals(202, resumed.statusCode(), resumed.body());
        assertEquals("completed", api.awaitTerminal(runId, WAIT).getString("status"));

        List<Span> spans = awaitSpans(trace, all -> count(all, s -> s.name().equals("resume hook")) >= 1);
        Span resume = spans.stream().filter(s -> s.name().equals("resume hook")).findFirst().orElseThrow();
        assertTrue(resume.of(runId) && resume.attributes().contains("workflow.hook.kind=hook"), resume.toString());
    }

    private Http api() {
        return new Http(base.toExternalForm().replaceAll("/+$", "") + "/api");
    }

    private static String startTraced(Http api, String trace, String body) {
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/runs")).header("Content-Type", "application/json")
                .header("traceparent", traceParent(trace)).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(202, r.statusCode(), r.body());
        return Http.json(r).getString("runId");
    }

    private static String traceId() {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A sampled parent span of our own in trace {@code trace}, as a caller would send it. */
    private static String traceParent(String trace) {
        byte[] span = new byte[8];
        new SecureRandom().nextBytes(span);
        return "00-" + trace + "-" + HexFormat.of().formatHex(span) + "-01";
    }

    /** The spans of {@code trace} in the log, once they satisfy {@code complete}. */
    private static List<Span> awaitSpans(String trace, Predicate<List<Span>> complete) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Span> spans = List.of();
        while (System.nanoTime() < deadline) {
            spans = spans(trace);
            if (complete.test(spans)) {
                return spans;
            }
            Http.sleep(200);
        }
        throw new AssertionError("The log of " + LOG + " has no such span of trace " + trace + "; it has " + spans);
    }

    private static List<Span> spans(String trace) {
        try {
            Matcher m = SPAN.matcher(Files.readString(LOG));
            List<Span> spans = new java.util.ArrayList<>();
            while (m.find()) {
                if (m.group(2).equals(trace)) {
                    spans.add(new Span(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7)));
                }
            }
            return spans;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Span one(List<Span> spans, Predicate<Span> which) {
        List<Span> found = spans.stream().filter(which).toList();
        assertEquals(1, found.size(), "expected one such span in " + spans);
        return found.get(0);
    }

    private static long count(List<Span> spans, Predicate<Span> which) {
        return spans.stream().filter(which).count();
    }
}
