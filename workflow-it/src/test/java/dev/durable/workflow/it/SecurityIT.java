package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API and UI behind roles, on the server with the production security configuration (wf-pg, whose
 * registry is src/test/liberty/security/registry.xml): who may read, who may change, what a refusal
 * looks like, the guard against cross-site form posts, hooks by token alone, and HTTPS.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String UNKNOWN_RUN = "wrun_00000000000000000000000000";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    Http dev;
    Http anonymous;
    Http viewer;
    Http operator;
    Http nobody;

    @BeforeEach
    void clients() {
        dev = new Http(base.toExternalForm().replaceAll("/+$", "") + "/api");
        anonymous = dev.anonymous();
        viewer = dev.as("viewer", "viewer-pw");
        operator = dev.as("operator", "operator-pw");
        nobody = dev.as("nobody", "nobody-pw");
    }

    @Test
    void withoutCredentialsEveryReadAndChangeIs401AndSaysNothingAboutTheRun() {
        String runId = dev.start("{\"workflowName\":\"addTen\",\"args\":[1]}");
        JsonObject existing = assertProblem(anonymous.get("/runs/" + runId), 401);
        JsonObject unknown = assertProblem(anonymous.get("/runs/" + UNKNOWN_RUN), 401);
        assertSameRefusal(existing, unknown);
        HttpResponse<String> challenged = anonymous.get("/runs");
        assertProblem(challenged, 401);
        assertTrue(challenged.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                challenged.headers().map().toString());
        assertProblem(anonymous.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[1]}"), 401);
        assertSameRefusal(assertProblem(anonymous.post("/runs/" + runId + "/cancel", ""), 401),
                assertProblem(anonymous.post("/runs/" + UNKNOWN_RUN + "/cancel", ""), 401));
        assertProblem(anonymous.get("/workflows"), 401);
        assertProblem(dev.as("dev", "wrong").get("/runs"), 401);
        assertProblem(anonymous.send(HttpRequest.newBuilder(uiUri()).GET()), 401);
    }

    @Test
    void aViewerReadsButCannotChangeAndDoesNotSeeHookTokens() {
        String order = "order-" + UUID.randomUUID();
        String runId = dev.start("{\"workflowName\":\"approval\",\"args\":[\"" + order + "\"]}");
        dev.awaitRun(runId, WAIT, run -> dev.get("/hooks/approval:" + order).statusCode() == 200);

        assertEquals(200, viewer.get("/runs/" + runId).statusCode());
        assertEquals(200, viewer.get("/runs?limit=5").statusCode());
        assertEquals(200, viewer.get("/workflows").statusCode());
        assertEquals(200, viewer.send(HttpRequest.newBuilder(uiUri()).GET()).statusCode());

        JsonObject hook = Http.json(viewer.get("/runs/" + runId + "/hooks")).getJsonArray("data").getJsonObject(0);
        assertEquals(JsonValue.NULL, hook.get("token"), hook.toString());
        assertEquals("active", hook.getString("status"));
        String events = viewer.get("/runs/" + runId + "/events?limit=1000").body();
        assertTrue(events.contains("hook_created"), events);
        assertFalse(events.contains("approval:" + order), "no token in a viewer's event log: " + events);
        // an operator, who may resume hooks, sees the token
        JsonObject seen = Http.json(operator.get("/runs/" + runId + "/hooks")).getJsonArray("data").getJsonObject(0);
        assertEquals("approval:" + order, seen.getString("token"));

        assertProblem(viewer.post("/runs", "{\"workflowName\":\"addTen\",\"args\":[1]}"), 403);
        JsonObject existing = assertProblem(viewer.post("/runs/" + runId + "/cancel", ""), 403);
        JsonObject unknown = assertProblem(viewer.post("/runs/" + UNKNOWN_RUN + "/cancel", ""), 403);
        assertSameRefusal(existing, unknown);
        assertProblem(viewer.post("/runs/" + runId + "/wake-up", ""), 403);
        assertProblem(viewer.post("/runs/" + runId + "/rerun", ""), 403);
        assertEquals("running", Http.json(dev.get("/runs/" + runId)).getString("status"), "the refused cancel did nothing");

        // the token alone resumes the hook, with no login
        HttpResponse<String> resumed = anonymous.post("/hooks/approval:" + order, "{\"approved\":true,\"by\":\"ada\"}");
        assertEquals(202, resumed.statusCode(), resumed.body());
        assertEquals("completed", dev.awaitTerminal(runId, WAIT).getString("status"));
    }

    @Test
    void anOperatorChangesRunsButBulkJobsAreTheAdminsAndAUserWithoutARoleGetsNothing() {
        String runId = operator.start("{\"workflowName\":\"sleeping\",\"args\":[\"1h\"]}");
        HttpResponse<String> cancelled = operator.post("/runs/" + runId + "/cancel", "{\"reason\":\"test\"}");
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", Http.json(cancelled).getString("status"));

        assertProblem(operator.post("/jobs/purge", "{}"), 403);
        assertProblem(viewer.get("/jobs/purge"), 403);
        assertEquals(404, dev.as("admin", "admin-pw").get("/jobs/no-such-job").statusCode(), "past the role check");

        assertProblem(nobody.get("/runs"), 403);
        assertProblem(nobody.get("/runs/" + runId), 403);
        assertProblem(nobody.send(HttpRequest.newBuilder(uiUri()).GET()), 403);
    }

    @Test
    void stateChangingRequestsTakeOnlyJsonBodies() {
        String runId = operator.start("{\"workflowName\":\"sleeping\",\"args\":[\"1h\"]}");
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"}) {
            HttpResponse<String> r = operator.send(HttpRequest.newBuilder(operator.uri("/runs/" + runId + "/cancel"))
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("reason=csrf")));
            JsonObject p = assertProblem(r, 415);
            assertTrue(p.getString("detail").contains("application/json"), p.toString());
        }
        assertProblem(operator.send(HttpRequest.newBuilder(operator.uri("/runs/" + runId + "/wake-up"))
                .POST(HttpRequest.BodyPublishers.noBody())), 415);
        assertEquals("running", Http.json(operator.get("/runs/" + runId)).getString("status"), "nothing was cancelled");
        HttpResponse<String> cancelled = operator.post("/runs/" + runId + "/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        // an unknown path or method is still itself, not a media-type refusal
        assertEquals(405, operator.send(HttpRequest.newBuilder(operator.uri("/runs")).DELETE()).statusCode());
    }

    @Test
    void theServerRootIsNotLibertysWelcomePage() {
        Http root = dev.as("dev", "dev");
        HttpResponse<String> r = root.send(HttpRequest.newBuilder(URI.create(base.getProtocol() + "://" + base.getHost()
                + ":" + base.getPort() + "/")).GET());
        assertEquals(404, r.statusCode());
        assertFalse(r.body().contains("Open Liberty"), r.body());
    }

    @Test
    void theApiAndMetricsAreServedOverHttpsWithTheServersKeystore() {
        Http https = new Http(Http.httpsOrigin(base) + "/workflow/api", "viewer", "viewer-pw");
        HttpResponse<String> workflows = https.get("/workflows");
        assertEquals(200, workflows.statusCode(), workflows.body());
        assertTrue(workflows.body().contains("addTen"), workflows.body());
        assertEquals(401, https.anonymous().get("/workflows").statusCode());
        // /metrics: the server's administrators only (dev, in the test registry's administrator-role)
        Http root = new Http(Http.httpsOrigin(base), "dev", "dev");
        assertEquals(200, root.get("/metrics?scope=application").statusCode());
        assertEquals(403, root.as("viewer", "viewer-pw").get("/metrics?scope=application").statusCode());
        assertEquals(401, root.anonymous().get("/metrics?scope=application").statusCode());
    }

    private URI uiUri() {
        return URI.create(base.toExternalForm().replaceAll("/+$", "") + "/ui/");
    }

    /** Two refusals that must not tell two resources apart: the same status, type, title and detail. */
    private static void assertSameRefusal(JsonObject a, JsonObject b) {
        for (String member : new String[] {"status", "type", "title", "detail"}) {
            assertEquals(a.get(member), b.get(member), member + ": " + a + " vs " + b);
        }
    }

    private static JsonObject assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0],
                r.headers().map() + " " + r.body());
        JsonObject p = Http.json(r);
        assertEquals(status, p.getInt("status"));
        assertFalse(p.getString("detail").isBlank());
        assertTrue(p.getString("type").startsWith("urn:workflow:problem:"), p.toString());
        assertFalse(r.body().contains("\tat "), "no stack trace in " + r.body());
        return p;
    }
}
