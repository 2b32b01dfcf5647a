package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Against the started server: an order placed through the application's own API is fulfilled. */
class PlaceOrderIT {
    private static final String BASE = System.getProperty("orders.url", "http://localhost:9080");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aPlacedOrderIsReservedChargedOnTheSecondAttemptAndShipped() throws Exception {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(URI.create(BASE + "/orders/api/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"orderId": "A-1001", "customer": "ada@example.com", "address": "1 Analytical Way",
                         "lines": [{"sku": "ENGINE-1", "quantity": 2, "priceCents": 1250}]}
                        """)));
        assertEquals(202, placed.statusCode(), placed.body());
        String id = json(placed.body()).getString("id");
        assertEquals(BASE + "/orders/api/orders/" + id, placed.headers().firstValue("Location").orElseThrow());

        JsonObject order = awaitCompleted(id, Duration.ofSeconds(90));
        JsonObject fulfilment = order.getJsonObject("fulfilment");
        assertEquals("A-1001", fulfilment.getString("orderId"));
        assertEquals("res-A-1001", fulfilment.getString("reservation"));
        assertEquals("track-A-1001", fulfilment.getString("tracking"));
        assertTrue(fulfilment.getString("payment").startsWith("pay-step_"), fulfilment.toString());

        // the engine's REST API, in the same application: the steps, and the charge's retry
        JsonArray steps = json(send(HttpRequest.newBuilder(URI.create(BASE + "/workflow/api/runs/" + id + "/steps")))
                .body()).getJsonArray("data");
        assertEquals(3, steps.size(), steps.toString());
        assertEquals("OrderSteps.reserve", steps.getJsonObject(0).getString("stepName"));
        assertEquals("OrderSteps.charge", steps.getJsonObject(1).getString("stepName"));
        assertEquals(2, steps.getJsonObject(1).getInt("attempt"), "the charge succeeds on its retry");
        assertEquals("OrderSteps.ship", steps.getJsonObject(2).getString("stepName"));
    }

    @Test
    void anOrderWithoutLinesIsRefused() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(BASE + "/orders/api/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"orderId\": \"A-1002\", \"customer\": \"ada@example.com\", \"address\": \"x\", \"lines\": []}")));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        JsonObject problem = json(refused.body());
        assertEquals("lines", problem.getJsonArray("violations").getJsonObject(0).getString("field"), problem.toString());
    }

    @Test
    void theServerIsReadyWithTheEngineCheckedOnce() throws Exception {
        HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create(BASE + "/health/ready")));
        assertEquals(200, ready.statusCode(), ready.body());
        long engineChecks = json(ready.body()).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("workflow-engine") && c.getString("status").equals("UP"))
                .count();
        assertEquals(1, engineChecks, ready.body());
    }

    @Test
    void anUnknownOrderIsNotFound() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(BASE + "/orders/api/orders/wrun_nope")));
        assertEquals(404, missing.statusCode(), missing.body());
        assertEquals("Unknown order", json(missing.body()).getString("title"));
    }

    private static JsonObject awaitCompleted(String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject order = null;
        while (System.nanoTime() < deadline) {
            order = json(send(HttpRequest.newBuilder(URI.create(BASE + "/orders/api/orders/" + id))).body());
            if (!order.getString("status").equals("pending") && !order.getString("status").equals("running")) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("completed", order.getString("status"), order.toString());
        return order;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        // the engine's API asks for a login (the orders API is the application's own, and open)
        request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("dev:dev".getBytes()));
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
