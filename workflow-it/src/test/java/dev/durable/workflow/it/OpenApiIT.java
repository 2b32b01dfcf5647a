package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAPI document at {@code /openapi} against the endpoints it describes: every operation in it answers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    @Test
    void everyOperationOfTheDocumentAnswersWithoutAServerError() {
        String origin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        Http root = new Http(origin);
        HttpResponse<String> r = root.send(HttpRequest.newBuilder(root.uri("/openapi?format=JSON")).GET());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject doc = Http.json(r);
        assertEquals("Durable workflows", doc.getJsonObject("info").getString("title"));
        assertNotNull(doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem"), "the shared problem schema");

        // the document's paths are relative to its server, which names the context root
        String server = doc.getJsonArray("servers").getJsonObject(0).getString("url").replaceAll("/+$", "");
        String prefix = URI.create(server).getPath();
        Http api = new Http(origin + prefix);
        Http runs = new Http(base.toExternalForm().replaceAll("/+$", "") + "/api");
        String done = runs.start("{\"workflowName\":\"addTen\",\"args\":[5]}");
        runs.awaitTerminal(done, WAIT);
        String order = "order-" + UUID.randomUUID();
        runs.start("{\"workflowName\":\"approval\",\"args\":[\"" + order + "\"]}");
        runs.awaitRun(done, WAIT, x -> runs.get("/hooks/approval:" + order).statusCode() == 200);
        // a job's execution that exists (a purge of nothing: no run ended 100 years ago)
        String location = runs.post("/jobs/purge", "{\"olderThanDays\":36500}").headers().firstValue("Location").orElseThrow();
        String execution = location.substring(location.lastIndexOf('/') + 1);
        runs.awaitRun(done, WAIT, x -> !Http.json(runs.get("/jobs/" + execution)).getString("status").startsWith("START"));
        Map<String, String> values = Map.of("runId", done, "token", "approval:" + order, "name", "default",
                "job", "purge", "executionId", execution);

        JsonObject paths = doc.getJsonObject("paths");
        for (String expected : List.of("/api/runs", "/api/runs/{runId}", "/api/runs/{runId}/steps", "/api/runs/{runId}/events",
                "/api/runs/{runId}/cancel", "/api/runs/{runId}/rerun", "/api/runs/{runId}/wake-up", "/api/runs/{runId}/hooks",
                "/api/runs/{runId}/streams", "/api/runs/{runId}/streams/{name}", "/api/hooks/{token}",
                "/api/webhooks/{token}", "/api/workflows", "/api/jobs", "/api/jobs/{job}", "/api/jobs/{executionId}",
                "/api/jobs/{executionId}/restart", "/api/jobs/{executionId}/stop")) {
            assertTrue(paths.containsKey(expected), expected + " is documented: " + paths.keySet());
        }
        List<String> answered = new ArrayList<>();
        for (String path : paths.keySet()) {
            Matcher m = PARAM.matcher(path);
            StringBuilder concrete = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    fail("no value for the parameter " + m.group(1) + " of " + path);
                }
                m.appendReplacement(concrete, Matcher.quoteReplacement(value));
            }
            m.appendTail(concrete);
            for (String method : paths.getJsonObject(path).keySet()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(concrete.toString())).header("Accept", "application/json");
                if (method.equals("get") || method.equals("delete")) {
                    request.method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody());
                } else {
                    request.header("Content-Type", "application/json").method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString("{}"));
                }
                HttpResponse<String> answer = api.send(request);
                String what = method.toUpperCase() + " " + concrete + " -> " + answer.statusCode() + " " + answer.body();
                assertTrue(answer.statusCode() < 500, what);
                assertTrue(answer.statusCode() != 405 && answer.statusCode() != 415, "the documented method and media type are served: " + what);
                if (method.equals("get") && !path.startsWith("/api/webhooks")) {
                    assertEquals(200, answer.statusCode(), "a read of something that exists: " + what);
                }
                if (answer.statusCode() >= 400) {
                    assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse("").split(";")[0], what);
                }
                JsonObject documented = paths.getJsonObject(path).getJsonObject(method).getJsonObject("responses")
                        .getJsonObject(Integer.toString(answer.statusCode()));
                assertNotNull(documented, "the status is documented: " + what);
                if (documented.containsKey("$ref")) {
                    documented = resolve(doc, documented.getString("$ref"));
                }
                String schema = jsonSchemaRef(documented);
                if (schema != null) {
                    conforms(doc, schema, Json.createReader(new StringReader(answer.body())).readValue(), what);
                }
                answered.add(method + " " + path);
            }
        }
        assertTrue(answered.size() >= 15, answered.toString());
        assertEveryReferenceResolves(doc, doc);
    }

    /** The schema a response's JSON (or problem) content refers to, or null when it names none. */
    private static String jsonSchemaRef(JsonObject response) {
        JsonObject content = response.getJsonObject("content");
        JsonObject media = content == null ? null
                : content.getJsonObject(content.containsKey("application/json") ? "application/json" : "application/problem+json");
        if (media == null) {
            return null;
        }
        JsonObject schema = media.getJsonObject("schema");
        return schema == null ? null : schema.getString("$ref", null);
    }

    /**
     * The body has the documented schema's required members and no member the schema does not list; the
     * items of its {@code data} array, and members that refer to another object schema, likewise.
     */
    private static void conforms(JsonObject doc, String ref, JsonValue value, String what) {
        JsonObject schema = resolve(doc, ref);
        JsonObject properties = schema.getJsonObject("properties");
        if (properties == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        assertEquals(JsonValue.ValueType.OBJECT, value.getValueType(), ref + " is an object: " + what);
        JsonObject body = value.asJsonObject();
        assertTrue(properties.keySet().containsAll(body.keySet()),
                ref + " documents every member " + body.keySet() + " (documented: " + properties.keySet() + "): " + what);
        for (JsonValue required : schema.getJsonArray("required") == null ? List.<JsonValue>of() : schema.getJsonArray("required")) {
            assertTrue(body.containsKey(((JsonString) required).getString()), ref + " has " + required + ": " + what);
        }
        for (String member : body.keySet()) {
            JsonObject property = properties.getJsonObject(member);
            String inner = property.getString("$ref", null);
            if (inner != null) {
                conforms(doc, inner, body.get(member), what);
            } else if (property.containsKey("items") && property.getJsonObject("items").containsKey("$ref")) {
                for (JsonValue item : body.getJsonArray(member)) {
                    conforms(doc, property.getJsonObject("items").getString("$ref"), item, what);
                }
            }
        }
    }

    private static JsonObject resolve(JsonObject doc, String ref) {
        assertTrue(ref.startsWith("#/"), ref);
        JsonObject at = doc;
        for (String part : ref.substring(2).split("/")) {
            at = at.getJsonObject(part);
            assertNotNull(at, "the reference " + ref + " resolves");
        }
        return at;
    }

    /** Every {@code $ref} in the document names something the document defines. */
    private static void assertEveryReferenceResolves(JsonObject doc, JsonValue at) {
        if (at instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> e : object.entrySet()) {
                if (e.getKey().equals("$ref")) {
                    resolve(doc, ((JsonString) e.getValue()).getString());
                } else {
                    assertEveryReferenceResolves(doc, e.getValue());
                }
            }
        } else if (at instanceof JsonArray array) {
            array.forEach(item -> assertEveryReferenceResolves(doc, item));
        }
    }

    @Test
    void theOpenApiUiIsServed() {
        Http root = new Http(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort());
        // HTTP/1.1 as a browser asks: Liberty's OpenAPI UI never answers a GET that asks for an h2c upgrade
        // (the java.net.http default), though the API's own resources do
        HttpResponse<String> ui = root.send(HttpRequest.newBuilder(root.uri("/openapi/ui/")).version(HttpClient.Version.HTTP_1_1).GET());
        assertEquals(200, ui.statusCode());
        assertTrue(ui.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), ui.headers().toString());
        assertTrue(ui.body().contains("<html"), ui.body());
    }
}
