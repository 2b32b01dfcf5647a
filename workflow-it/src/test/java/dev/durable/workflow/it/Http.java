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

/** A small JSON client for the REST API, as the development user {@code dev} unless told otherwise. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** For HTTPS to a test server, whose certificate Liberty generated and signed itself. */
    private static final HttpClient TLS_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .sslContext(trustingContext()).build();

    private final String base;
    private final String authorization;
    private final HttpClient client;

    /** @param base the API's base URL, ending in {@code /api} */
    Http(String base) {
        this(base, "dev", "dev");
    }

    /** A client sending HTTP Basic credentials, or none when {@code user} is null. */
    Http(String base, String user, String password) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.client = this.base.startsWith("https:") ? TLS_CLIENT : CLIENT;
        this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The same API as another user. */
    Http as(String user, String password) {
        return new Http(base, user, password);
    }

    /** The same API without credentials. */
    Http anonymous() {
        return new Http(base, null, null);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("Request failed: " + e, e);
        }
    }

    /**
     * The HTTPS origin of a test server reached at {@code http}: the test servers' https.port is their
     * http.port + 300 (workflow-it's pom).
     */
    static String httpsOrigin(java.net.URL http) {
        return "https://localhost:" + (http.getPort() + 300);
    }

    private static javax.net.ssl.SSLContext trustingContext() {
        try {
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String auth) {
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String auth) {
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            return tls;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
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
