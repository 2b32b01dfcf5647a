package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A run's output streams over REST: read live as Server-Sent Events while a step writes (the sample
 * {@code countdown}), from a negative start index, resumed with Last-Event-ID, as JSON pages and as
 * NDJSON; closed when the run ends; unknown streams and runs are 404 problems.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern EVENT = Pattern.compile("id: ?(\\d+)\\ndata: ?([^\\n]*)");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base.toExternalForm().replaceAll("/+$", "") + "/api");
    }

    @Test
    void aLiveReaderGetsEveryChunkInOrderThenTheStreamEnds() {
        String runId = http.start("{\"workflowName\":\"countdown\",\"args\":[15]}");
        // connected while the step writes: the response ends by itself once the run has completed
        HttpResponse<String> live = sse(runId, "default", "");
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<Integer> ids = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        Matcher m = EVENT.matcher(live.body());
        while (m.find()) {
            ids.add(Integer.parseInt(m.group(1)));
            counts.add(Json.parse(m.group(2)).getInt("i"));
        }
        assertEquals(range(0, 15), ids, live.body());
        List<Integer> expected = new ArrayList<>();
        for (int k = 15; k >= 1; k--) {
            expected.add(k);
        }
        assertEquals(expected, counts);
        assertTrue(live.body().contains("event: end"), live.body());
        assertEquals("completed", http.awaitTerminal(runId, WAIT).getString("status"));
    }

    @Test
    void aClosedStreamIsReadFromTheEndWithANegativeStartIndexOrAfterTheLastEventId() {
        String runId = http.start("{\"workflowName\":\"countdown\",\"args\":[6]}");
        http.awaitTerminal(runId, WAIT);

        assertEquals(List.of(3, 4, 5), ids(sse(runId, "default", "?startIndex=-3")));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), ids(sse(runId, "default", "?startIndex=-100")));
        assertEquals(List.of(4, 5), ids(sse(runId, "default", "?startIndex=4")));
        HttpResponse<String> resumed = http.send(HttpRequest.newBuilder(http.uri("/runs/" + runId + "/streams/default"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", "2").GET());
        assertEquals(List.of(3, 4, 5), ids(resumed));

        JsonObject streams = Http.json(http.get("/runs/" + runId + "/streams"));
        JsonObject stream = streams.getJsonArray("data").getJsonObject(0);
        assertEquals("default", stream.getString("name"));
        assertEquals(6, stream.getInt("chunks"));
        assertTrue(stream.getBoolean("closed"), "a completed run's streams are closed");
    }

    @Test
    void chunksArePagedAsJsonAndListedAsNdjson() {
        String runId = http.start("{\"workflowName\":\"countdown\",\"args\":[5]}");
        http.awaitTerminal(runId, WAIT);

        JsonObject first = Http.json(http.get("/runs/" + runId + "/streams/default?limit=2"));
        JsonArray data = first.getJsonArray("data");
        assertEquals(2, data.size());
        assertEquals(0, data.getJsonObject(0).getInt("index"));
        assertEquals(5, data.getJsonObject(0).getJsonObject("data").getInt("i"));
        assertTrue(first.getBoolean("hasMore"));
        JsonObject second = Http.json(http.get("/runs/" + runId + "/streams/default?limit=10&cursor=" + first.getString("cursor")));
        assertEquals(3, second.getJsonArray("data").size());
        assertEquals(2, second.getJsonArray("data").getJsonObject(0).getInt("index"));
        assertEquals(false, second.getBoolean("hasMore"));
        assertTrue(second.getBoolean("closed"));

        HttpResponse<String> ndjson = http.send(HttpRequest.newBuilder(http.uri("/runs/" + runId + "/streams/default?startIndex=-2"))
                .header("Accept", "application/x-ndjson").GET());
        assertEquals(200, ndjson.statusCode(), ndjson.body());
        String[] lines = ndjson.body().strip().split("\n");
        assertEquals(2, lines.length, ndjson.body());
        assertEquals(2, Json.parse(lines[0]).getInt("i"));
        assertEquals(1, Json.parse(lines[1]).getInt("i"));
    }

    @Test
    void parallelWritersGetDistinctIndexesAndEachKeepsItsOrder() {
        String runId = http.start("{\"workflowName\":\"parallelWriters\",\"args\":[4, 25]}");
        assertEquals("completed", http.awaitTerminal(runId, WAIT).getString("status"));
        JsonObject page = Http.json(http.get("/runs/" + runId + "/streams/out?limit=1000"));
        JsonArray data = page.getJsonArray("data");
        assertEquals(100, data.size(), page.toString());
        java.util.Map<String, Integer> nextOfWriter = new java.util.HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            JsonObject chunk = data.getJsonObject(i);
            assertEquals(i, chunk.getInt("index"));
            String[] parts = chunk.getString("data").split(":");
            int k = Integer.parseInt(parts[1]);
            assertEquals(nextOfWriter.getOrDefault(parts[0], 0), k, "writer " + parts[0] + " out of order: " + data);
            nextOfWriter.put(parts[0], k + 1);
        }
        assertEquals(4, nextOfWriter.size());
    }

    @Test
    void aRunsStreamsCloseWhenItFailsOrIsCancelled() {
        String failed = http.start("{\"workflowName\":\"writeThenFail\"}");
        assertEquals("failed", http.awaitTerminal(failed, WAIT).getString("status"));
        assertEquals(List.of(0, 1), ids(sse(failed, "out", "")));

        String cancelled = http.start("{\"workflowName\":\"writeThenSleep\"}");
        // the stream is 404 until the step has opened it
        http.awaitRun(cancelled, WAIT, run -> {
            HttpResponse<String> page = http.get("/runs/" + cancelled + "/streams/out?limit=10");
            return page.statusCode() == 200 && Http.json(page).getInt("total") == 2;
        });
        assertEquals(200, http.post("/runs/" + cancelled + "/cancel", "{}").statusCode());
        HttpResponse<String> closed = sse(cancelled, "out", "");
        assertEquals(List.of(0, 1), ids(closed));
        assertTrue(closed.body().contains("event: end"), closed.body());
    }

    @Test
    void unknownStreamsAndRunsAreNotFound() {
        String runId = http.start("{\"workflowName\":\"countdown\",\"args\":[1]}");
        HttpResponse<String> stream = http.get("/runs/" + runId + "/streams/nope");
        assertEquals(404, stream.statusCode(), stream.body());
        assertEquals("urn:workflow:problem:unknown-stream", Http.json(stream).getString("type"));
        HttpResponse<String> live = sse(runId, "nope", "");
        assertEquals(404, live.statusCode(), live.body());
        assertEquals(404, http.get("/runs/wrun_00000000000000000000000000/streams").statusCode());
        assertEquals(400, http.get("/runs/" + runId + "/streams/default?startIndex=x").statusCode());
    }

    private HttpResponse<String> sse(String runId, String name, String query) {
        return http.send(HttpRequest.newBuilder(http.uri("/runs/" + runId + "/streams/" + name + query))
                .header("Accept", "text/event-stream").GET());
    }

    private static List<Integer> ids(HttpResponse<String> sse) {
        assertEquals(200, sse.statusCode(), sse.body());
        List<Integer> ids = new ArrayList<>();
        Matcher m = EVENT.matcher(sse.body());
        while (m.find()) {
            ids.add(Integer.parseInt(m.group(1)));
        }
        return ids;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i < to; i++) {
            r.add(i);
        }
        return r;
    }

    /** JSON-P parsing of one chunk. */
    private static final class Json {
        static JsonObject parse(String text) {
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
                return reader.readObject();
            }
        }
    }
}
