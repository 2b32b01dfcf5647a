package dev.durable.workflow.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small JSON client for the REST API. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;

    /** @param base the API's base URL, ending in {@code /api} */
    Http(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("Request failed: " + e, e);
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    /** Starts a run through the API and returns its id. */
    String start(String body) {
        HttpResponse<String> r = post("/runs", body);
        if (r.statusCode() != 202) {
            throw new AssertionError("Expected 202 but got " + r.statusCode() + ": " + r.body());
        }
        return json(r).getString("runId");
    }

    /** Polls the run until {@code done} holds for it, or fails after {@code timeout}. */
    JsonObject awaitRun(String runId, Duration timeout, Predicate<JsonObject> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject run = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get("/runs/" + runId);
            if (r.statusCode() == 200) {
                run = json(r);
                if (done.test(run)) {
                    return run;
                }
            }
            sleep(50);
        }
        throw new AssertionError("Run " + runId + " did not get there in " + timeout + "; last seen: " + run);
    }

    JsonObject awaitTerminal(String runId, Duration timeout) {
        return awaitRun(runId, timeout, run -> switch (run.getString("status")) {
            case "completed", "failed", "cancelled" -> true;
            default -> false;
        });
    }

    static JsonObject json(HttpResponse<String> r) {
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
