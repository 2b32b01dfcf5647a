package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine's metrics at {@code /metrics} count known runs: started, ended by status, steps timed, hooks resumed. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    @Test
    void countsFollowKnownRuns() {
        Http api = new Http(base.toExternalForm().replaceAll("/+$", "") + "/api");
        // /metrics is the server's administrators', over HTTPS only (plain HTTP is redirected there)
        Http root = new Http(Http.httpsOrigin(base));
        String before = metrics(root);

        List<String> added = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            added.add(api.start("{\"workflowName\":\"addTen\",\"args\":[" + i + "]}"));
        }
        added.forEach(id -> assertEquals("completed", api.awaitTerminal(id, WAIT).getString("status")));
        String failed = api.start("{\"workflowName\":\"failing\",\"args\":[\"on purpose\"]}");
        assertEquals("failed", api.awaitTerminal(failed, WAIT).getString("status"));
        String sleeper = api.start("{\"workflowName\":\"sleeping\",\"args\":[\"1h\"]}");
        api.awaitRun(sleeper, WAIT, r -> "running".equals(r.getString("status")));
        assertEquals(200, api.post("/runs/" + sleeper + "/cancel", "").statusCode());
        String order = "metrics-" + UUID.randomUUID();
        String approval = api.start("{\"workflowName\":\"approval\",\"args\":[\"" + order + "\"]}");
        api.awaitRun(approval, WAIT, r -> api.get("/hooks/approval:" + order).statusCode() == 200);
        assertEquals(202, api.post("/hooks/approval:" + order, "{\"approved\":true,\"by\":\"metrics\"}").statusCode());
        assertEquals("completed", api.awaitTerminal(approval, WAIT).getString("status"));

        String after = metrics(root);
        assertEquals(4, delta(before, after, "workflow_runs_started_total", "workflow=\"addTen\""), after);
        assertEquals(4, delta(before, after, "workflow_runs_ended_total", "status=\"completed\"", "workflow=\"addTen\""));
        assertEquals(1, delta(before, after, "workflow_runs_ended_total", "status=\"failed\"", "workflow=\"failing\""));
        assertEquals(1, delta(before, after, "workflow_runs_ended_total", "status=\"cancelled\"", "workflow=\"sleeping\""));
        assertEquals(1, delta(before, after, "workflow_hooks_resumed_total", "kind=\"hook\""));
        // addTen is three steps; a run's duration is observed once per run
        assertEquals(12, delta(before, after, "workflow_step_duration_seconds_count", "step=\"MathSteps.add\"", "outcome=\"completed\""));
        assertEquals(4, delta(before, after, "workflow_run_duration_seconds_count", "status=\"completed\"", "workflow=\"addTen\""));
        assertEquals(4, delta(before, after, "workflow_run_duration_seconds_bucket", "status=\"completed\"", "workflow=\"addTen\"",
                "le=\"+Inf\""), "the run duration is a histogram");
        for (String gauge : List.of("workflow_runs_pending", "workflow_runs_due", "workflow_deliveries_inFlight")) {
            assertTrue(value(after, gauge) >= 0, gauge + " is reported: " + after);
        }
    }

    private static String metrics(Http root) {
        HttpResponse<String> r = root.get("/metrics?scope=application");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static double delta(String before, String after, String name, String... labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    /** The value of the series {@code name} carrying every label given (0 when absent: not yet counted). */
    private static double value(String exposition, String name, String... labels) {
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf('}') + 1);
            boolean all = true;
            for (String label : labels) {
                all &= series.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
