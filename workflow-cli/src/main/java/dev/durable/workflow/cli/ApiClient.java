package dev.durable.workflow.cli;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The REST API as the CLI calls it: JSON in and out, Basic credentials when given, and every refusal
 * turned into an {@link ApiException} carrying the server's problem detail.
 */
final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    /**
     * @param base the API's base URL, such as {@code http://localhost:9080/workflow/api}
     * @param user a user name for HTTP Basic authentication, or {@code null}
     * @param password the user's password
     */
    ApiClient(String base, String user, String password) {
        this.base = base.replaceAll("/+$", "");
        this.authorization = user == null || user.isEmpty() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    JsonObject get(String path) {
        return send(request(path).GET()).asJsonObject();
    }

    JsonObject post(String path, JsonValue body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString()))).asJsonObject();
    }

    /** Reads a stream as server-sent events, handing each chunk's data to {@code chunk} until the stream ends. */
    void follow(String path, Consumer<String> chunk) {
        HttpResponse<InputStream> response = exchange(request(path).setHeader("Accept", "text/event-stream").GET(),
                HttpResponse.BodyHandlers.ofInputStream(), false);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() >= 400) {
                throw refusal(response.statusCode(), lines.lines().reduce("", (a, b) -> a + b));
            }
            StringBuilder data = new StringBuilder();
            String event = "message";
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if ("end".equals(event)) {
                        return;
                    }
                    if (data.length() > 0) {
                        chunk.accept(data.toString());
                    }
                    data.setLength(0);
                    event = "message";
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            throw new ApiException(ApiException.UNAVAILABLE, "The stream broke off: " + e.getMessage());
        }
    }

    /** A query string of the non-empty values, in the order given. */
    static String query(Map<String, ?> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null && !value.toString().isEmpty()) {
                q.append(q.length() == 0 ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    static Map<String, Object> params(Object... nameValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put((String) nameValues[i], nameValues[i + 1]);
        }
        return map;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private JsonStructure send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request.timeout(Duration.ofSeconds(60)),
                HttpResponse.BodyHandlers.ofString(), true);
        if (response.statusCode() >= 400) {
            throw refusal(response.statusCode(), response.body());
        }
        try {
            return Json.createReader(new StringReader(response.body())).read();
        } catch (JsonException e) {
            throw new ApiException(ApiException.UNAVAILABLE, "The server answered " + response.statusCode()
                    + " with something that is not JSON; is " + base + " the workflow API?");
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, boolean timeout) {
        try {
            return http.send(request.build(), body);
        } catch (ConnectException e) {
            throw new ApiException(ApiException.UNAVAILABLE, "Cannot connect to " + base
                    + ": is the server running? (set --url or WORKFLOW_URL)");
        } catch (HttpTimeoutException e) {
            throw new ApiException(ApiException.UNAVAILABLE, "No answer from " + base + " in time");
        } catch (IOException e) {
            throw new ApiException(ApiException.UNAVAILABLE, "The request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.UNAVAILABLE, "Interrupted");
        }
    }

    /** The problem's title and detail, or the status alone when the body is not a problem. */
    private static ApiException refusal(int status, String body) {
        String message = "HTTP " + status;
        try {
            JsonObject problem = Json.createReader(new StringReader(body)).readObject();
            String title = problem.getString("title", message);
            String detail = problem.getString("detail", "");
            message = detail.isEmpty() ? title : title + ": " + detail;
        } catch (JsonException | ClassCastException e) {
            // not problem+json (a proxy's page, say): the status says enough
        }
        return new ApiException(status >= 500 ? ApiException.UNAVAILABLE : ApiException.REFUSED, message);
    }
}
