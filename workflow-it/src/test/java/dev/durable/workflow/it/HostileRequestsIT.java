package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A corpus of hostile and careless requests, as an attacker or a new user sends them: malformed and
 * deeply nested JSON, huge numbers, wrong media types and encodings, odd ids, bad paging, long strings,
 * broken framing, clients that hang up, and concurrent cancels and wake-ups of one run. Every answer is a
 * 4xx (or a success), never a 5xx; every refusal is problem+json without a stack trace, internals or an
 * echo of a huge input; and the server logs no internal error meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileRequestsIT {
    private static final Path LOG = Path.of(System.getProperty("wlp.home", "target/liberty/wlp")).toAbsolutePath()
            .resolve("usr/servers")
            .resolve("postgresql".equals(System.getProperty("arquillian.launch")) ? "wf-pg" : "wf-derby")
            .resolve("logs/messages.log");
    private static final String UNKNOWN = "wrun_00000000000000000000000000";
    private static final String AUTH = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("dev:dev".getBytes(StandardCharsets.UTF_8));

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    Http http;
    int answered;

    @BeforeEach
    void client() {
        http = new Http(base.toExternalForm().replaceAll("/+$", "") + "/api");
    }

    @Test
    void everyHostileRequestIsAClientErrorWithAProblemAndNoInternalErrorIsLogged() throws Exception {
        long internalErrorsBefore = internalErrorsLogged();
        String runId = http.start("{\"workflowName\":\"addTen\",\"args\":[1]}");
        http.awaitTerminal(runId, Duration.ofSeconds(60));

        startBodies();
        mediaTypesAndEncodings();
        oddIds(runId);
        paging(runId);
        hooksAndMethods();
        rawConnections();
        concurrentCancelsAndWakeUps();

        assertTrue(answered >= 150, "the corpus has " + answered + " requests");
        assertEquals(internalErrorsBefore, internalErrorsLogged(), "no internal error was logged: see " + LOG);
    }

    private void startBodies() {
        String[] malformed = {"", " ", "{", "}", "[", "{\"workflowName\":", "{\"workflowName\":\"addTen\"", "{oops}",
            "{'workflowName':'addTen'}", "{\"workflowName\":\"addTen\",}", "{\"workflowName\":\"addTen\"} {}", "null",
            "true", "42", "\"addTen\"", "[]", "[{\"workflowName\":\"addTen\"}]", "{\"workflowName\":\"addTen\",\"args\":[1,]}",
            "{\"workflowName\":\"addTen\",\"args\":[NaN]}", "{\"workflowName\":\"addTen\",\"args\":[Infinity]}",
            "{\"workflowName\":\"addTen\",\"args\":[0x10]}", "{\"workflowName\":\"addTen\",\"args\":[01]}",
            "{\"workflowName\":\"\\ud800\"}", "{\"workflowName\":\"add\\u0000Ten\"}", "{\"workflowName\":\"a\\qb\"}",
            "\u0000", "{\"workflowName\":\"addTen\",\"args\":[1]}\u0000", "/* */{\"workflowName\":\"addTen\"}"};
        for (String body : malformed) {
            refused(http.post("/runs", body));
        }
        for (int depth : new int[] {10, 100, 500, 999, 1000, 1001, 5000, 50_000}) {
            refused(http.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[" + "[".repeat(depth) + "]".repeat(depth) + "]}"));
            refused(http.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[" + "{\"a\":".repeat(depth) + "1"
                    + "}".repeat(depth) + "]}"));
        }
        refused(http.post("/runs", "[".repeat(100_000)));
        for (String number : new String[] {"9".repeat(20), "9".repeat(400), "9".repeat(1100), "9".repeat(1200),
            "9".repeat(5000), "1e999999999", "-1e-999999999", "1" + "0".repeat(300) + ".5", "2147483648", "-2147483649"}) {
            refused(http.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[" + number + "]}"));
        }
        for (String number : new String[] {"1.5", "-0", "1E2", "0.0000001"}) {
            answer(http.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[" + number + "]}"));
        }
        String[] wrongShapes = {"{}", "{\"workflowName\":null}", "{\"workflowName\":7}", "{\"workflowName\":[\"addTen\"]}",
            "{\"workflowName\":{\"name\":\"addTen\"}}", "{\"workflowName\":\"\"}", "{\"workflowName\":\"   \"}",
            "{\"workflowName\":\"addTen\",\"args\":{}}", "{\"workflowName\":\"addTen\",\"args\":\"1\"}",
            "{\"workflowName\":\"addTen\",\"args\":[\"one\"]}", "{\"workflowName\":\"addTen\",\"args\":[{\"n\":1}]}",
            "{\"workflowName\":\"addTen\",\"args\":[1,2,3]}", "{\"workflowName\":\"addTen\",\"args\":[true]}",
            "{\"workflowName\":\"addTen\",\"deploymentId\":5}", "{\"workflowName\":\"addTen\",\"idempotencyKey\":{}}",
            "{\"workflowName\":\"addTen\",\"idempotencyKey\":\"\"}", "{\"workflowName\":\"addTen\",\"idempotencyKey\":\"a\\nb\"}",
            "{\"workflowName\":\"addTen\",\"idempotencyKey\":\"a\\u0007b\"}", "{\"workflowName\":\"addTen\",\"deploymentId\":\"\\t\"}",
            "{\"workflowName\":\"addTen\",\"idempotencyKey\":\"" + "k".repeat(201) + "\"}",
            "{\"workflowName\":\"addTen\",\"deploymentId\":\"" + "d".repeat(10_000) + "\"}",
            "{\"workflowName\":\"noSuchWorkflow\"}", "{\"workflowName\":\"../../etc/passwd\"}",
            "{\"workflowName\":\"<script>alert(1)</script>\"}", "{\"workflowName\":\"'; DROP TABLE runs; --\"}",
            "{\"workflowName\":\"" + "w".repeat(900_000) + "\"}", "{\"workflowName\":\"addTen\",\"args\":[\"" + "x".repeat(2_000_000) + "\"]}"};
        for (String body : wrongShapes) {
            JsonObject problem = refused(http.post("/runs", body));
            assertTrue(problem.toString().length() < 5_000, "a long input is not echoed back: " + problem.toString().length());
        }
    }

    private void mediaTypesAndEncodings() {
        String body = "{\"workflowName\":\"addTen\",\"args\":[1]}";
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml", "text/html", "*/*", "application/*", "application/json-patch", "nonsense", ";;;",
            "image/png"}) {
            refused(http.send(HttpRequest.newBuilder(http.uri("/runs")).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
        }
        refused(http.send(HttpRequest.newBuilder(http.uri("/runs")).POST(HttpRequest.BodyPublishers.ofString(body))));
        // JSON with a broken parameter is still JSON: taken or refused, but never a server error
        answer(http.send(HttpRequest.newBuilder(http.uri("/runs")).header("Content-Type", "application/json; charset=\"")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
        for (String encoding : new String[] {"gzip", "deflate", "br", "compress", "nonsense"}) {
            refused(http.send(HttpRequest.newBuilder(http.uri("/runs")).header("Content-Type", "application/json")
                    .header("Content-Encoding", encoding).POST(HttpRequest.BodyPublishers.ofString(body))));
        }
        byte[] latin1 = "{\"workflowName\":\"addT\u00e9n\"}".getBytes(StandardCharsets.ISO_8859_1);
        refused(http.send(HttpRequest.newBuilder(http.uri("/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))));
        byte[] utf16 = body.getBytes(StandardCharsets.UTF_16);
        refused(http.send(HttpRequest.newBuilder(http.uri("/runs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(utf16))));
        for (String accept : new String[] {"text/html", "application/xml", "image/*"}) {
            refused(http.send(HttpRequest.newBuilder(http.uri("/runs/" + UNKNOWN)).header("Accept", accept).GET()));
        }
    }

    private void oddIds(String runId) {
        String[] ids = {UNKNOWN, "x", "..", "%2e%2e", "%00", "%20", "a%2Fb", "%252F", "wrun_", "WRUN_" + runId.substring(5),
            runId + "x", "'%20OR%201=1--", "%3Cscript%3E", "%E2%80%AE", "%F0%9F%92%A5", "%C0%AF", "%ff%fe",
            "a".repeat(5_000), "wrun_" + "0".repeat(2_000)};
        for (String id : ids) {
            for (String tail : new String[] {"", "/steps", "/events", "/hooks", "/streams", "/streams/default"}) {
                refusedHere(http.get("/runs/" + id + tail));
            }
        }
        for (String tail : new String[] {"/cancel", "/wake-up", "/rerun"}) {
            refused(http.post("/runs/" + UNKNOWN + tail, ""));
            refusedHere(http.post("/runs/" + "%00" + tail, ""));
        }
        // a run that has ended is not cancelled or woken again
        refused(http.post("/runs/" + runId + "/cancel", "{\"reason\":\"late\"}"));
        refused(http.post("/runs/" + runId + "/wake-up", ""));
        refused(http.post("/runs/" + runId + "/cancel", "{\"reason\":7}"));
        refused(http.post("/runs/" + runId + "/cancel", "{\"reason\":\"" + "r".repeat(1001) + "\"}"));
        refused(http.post("/runs/" + runId + "/cancel", "not json"));
    }

    private void paging(String runId) throws IOException {
        String[] limits = {"-1", "0", "1001", "abc", "1e3", "99999999999999999999", "1.5", "%00", "0x10"};
        String[] cursors = {"!!!", "abc", "%00", encode("wrun_zzz'--"), encode("step_x"), encode("-5"),
            "A".repeat(4_000), encode("wrun_" + "9".repeat(30)) + "=="};
        for (String path : new String[] {"/runs", "/runs/" + runId + "/steps", "/runs/" + runId + "/events"}) {
            for (String limit : limits) {
                refused(http.get(path + "?limit=" + limit));
            }
            for (String cursor : cursors) {
                int status = answer(http.get(path + "?cursor=" + cursor)).statusCode();
                assertEquals(400, status, "a cursor not taken from a page is refused: " + path + " " + cursor);
            }
        }
        for (String query : new String[] {"status=bogus", "status=COMPLETED%00", "since=yesterday", "until=2026-13-01T00:00:00Z",
            "since=" + "9".repeat(500)}) {
            refused(http.get("/runs?" + query));
        }
        // a malformed percent-encoding, which java.net.URI will not even build: over a raw socket
        for (String query : new String[] {"workflowName=%zz", "rerunOf=%zz", "status=%", "cursor=%G0"}) {
            String answer = raw("GET " + base.getPath().replaceAll("/+$", "") + "/api/runs?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + AUTH + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), abbreviate(answer));
            assertTrue(answer.contains("application/problem+json"), abbreviate(answer));
            assertFalse(answer.contains("RESTEASY") || answer.contains("Exception"), abbreviate(answer));
            answered++;
        }
        JsonObject page = Http.json(answer(http.get("/runs?workflowName=" + URLEncoder.encode("w".repeat(5_000), StandardCharsets.UTF_8))));
        assertEquals(0, page.getJsonArray("data").size(), "an unknown workflow has no runs");
    }

    private void hooksAndMethods() {
        for (String token : new String[] {"nope", "%00", "a%2Fb", "t".repeat(5_000), "approval:%0a", "%2e%2e"}) {
            refusedHere(http.get("/hooks/" + token));
            refusedHere(http.post("/hooks/" + token, "{}"));
            refusedHere(http.post("/hooks/" + token, "{"));
            refusedHere(http.send(HttpRequest.newBuilder(http.uri("/webhooks/" + token)).DELETE()));
        }
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            refused(http.send(HttpRequest.newBuilder(http.uri("/runs")).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"))));
            refused(http.send(HttpRequest.newBuilder(http.uri("/runs/" + UNKNOWN)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"))));
        }
        refused(http.send(HttpRequest.newBuilder(http.uri("/workflows")).method("TRACE", HttpRequest.BodyPublishers.noBody())));
        refused(http.get("/no-such-resource"));
        refused(http.get("/runs/" + UNKNOWN + "/no-such-part"));
    }

    /** Broken framing and clients that hang up mid-request, over a raw socket. */
    private void rawConnections() throws IOException {
        String head = "POST " + base.getPath().replaceAll("/+$", "") + "/api/runs HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "\r\nContent-Type: application/json\r\n";
        String[] requests = {
            head + "Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n",
            head + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"wor\r\nFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n",
            head + "Transfer-Encoding: chunked\r\n\r\n-1\r\n\r\n",
            head + "Content-Length: abc\r\n\r\n{}",
            head + "Content-Length: 5\r\nContent-Length: 7\r\n\r\n{}",
        };
        for (String request : requests) {
            int status = rawStatus(request, false);
            assertTrue(status == 0 || status >= 400 && status < 500, "raw request answered " + status + ": " + request);
            answered++;
        }
        // hang up mid-body: there is no one to answer, and nothing to log beyond a quiet line
        for (int i = 0; i < 5; i++) {
            rawStatus(head + "Content-Length: 100000\r\n\r\n{\"workflowName\":\"addTen\",\"args\":[", true);
            answered++;
        }
    }

    private void concurrentCancelsAndWakeUps() throws Exception {
        String runId = http.start("{\"workflowName\":\"sleeping\",\"args\":[\"1h\"]}");
        http.awaitRun(runId, Duration.ofSeconds(60), run -> run.getString("status").equals("running"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int cancelled = 0;
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                boolean cancel = i % 3 == 0;
                calls.add(() -> cancel ? http.post("/runs/" + runId + "/cancel", "{\"reason\":\"race\"}")
                        : http.post("/runs/" + runId + "/wake-up", ""));
            }
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                HttpResponse<String> r = f.get();
                // 409 once the run has ended: cancelled, or completed because a wake-up ended its sleep
                if (r.statusCode() == 409) {
                    refused(r);
                } else {
                    assertEquals(200, answer(r).statusCode(), r.body());
                    cancelled += r.uri().getPath().endsWith("/cancel") ? 1 : 0;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        String status = http.awaitTerminal(runId, Duration.ofSeconds(60)).getString("status");
        assertTrue(cancelled <= 1, "at most one cancel takes effect: " + cancelled);
        assertEquals(cancelled == 1 ? "cancelled" : "completed", status);
    }

    /**
     * A refusal by the API ({@link #refused}), or, for a path whose encoding Liberty itself refuses (a NUL
     * byte, bytes that are not UTF-8), the web container's own 400 before any application is chosen:
     * that answer is Liberty's (text/html, message CWWWC0005I) and no application's configuration
     * reaches it.
     */
    private void refusedHere(HttpResponse<String> r) {
        if (r.statusCode() == 400 && r.body().contains("CWWWC0005I")) {
            answer(r);
            return;
        }
        refused(r);
    }

    /** A refusal: 4xx, problem+json with the same status, short, no stack trace or internals. */
    private JsonObject refused(HttpResponse<String> r) {
        answer(r);
        String what = r.request().method() + " " + abbreviate(r.uri().toString()) + " -> " + r.statusCode() + " "
                + abbreviate(r.body());
        assertTrue(r.statusCode() >= 400, "refused: " + what);
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim(), what);
        JsonObject problem = Http.json(r);
        assertEquals(r.statusCode(), problem.getInt("status"), what);
        assertTrue(problem.getString("type").startsWith("urn:workflow:problem:"), what);
        assertFalse(problem.getString("detail", "").isBlank(), what);
        return problem;
    }

    /** Any answer: never a 5xx, never a stack trace or the framework's internals. */
    private HttpResponse<String> answer(HttpResponse<String> r) {
        answered++;
        String what = r.request().method() + " " + abbreviate(r.uri().toString()) + " -> " + r.statusCode() + " "
                + abbreviate(r.body());
        assertTrue(r.statusCode() < 500, "no server error: " + what);
        for (String leak : new String[] {"\tat ", "Exception", "RESTEASY", "org.eclipse", "com.ibm", "java.lang", "SRVE"}) {
            assertFalse(r.body().contains(leak), "no internals (" + leak + ") in " + what);
        }
        return r;
    }

    /** The whole answer to a raw request that asks the server to close the connection. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private int rawStatus(String request, boolean hangUp) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (hangUp) {
                return 0;
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                n = in.read(buffer);
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                return 0;
            }
            if (n <= 0) {
                return 0; // closed without an answer: refused at the connection
            }
            String answer = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            if (!answer.startsWith("HTTP/1.1 ")) {
                fail("not an HTTP answer: " + abbreviate(answer));
            }
            int status = Integer.parseInt(answer.substring(9, 12));
            if (status >= 500 || answer.contains("\tat ")) {
                fail("raw request answered " + abbreviate(answer));
            }
            return status;
        }
    }

    private static long internalErrorsLogged() throws IOException {
        if (!Files.exists(LOG)) {
            return 0;
        }
        try (var lines = Files.lines(LOG, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("Internal error, reference")).count();
        }
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
