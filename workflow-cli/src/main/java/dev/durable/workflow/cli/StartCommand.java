package dev.durable.workflow.cli;

import static dev.durable.workflow.cli.ApiClient.segment;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workflow start <name> [args…]}: starts a run, and with {@code --wait} waits for its end. */
@Command(name = "start", description = "Start a run of a workflow; each argument is JSON (text that is not JSON is taken as a string).")
final class StartCommand implements Callable<Integer> {
    /** The statuses a run ends in. */
    static final List<String> TERMINAL = List.of("completed", "failed", "cancelled");

    @Mixin
    Connection connection;

    @Parameters(index = "0", paramLabel = "workflow", description = "The workflow's name (see GET /workflows).")
    String workflow;

    @Parameters(index = "1..*", paramLabel = "arg", description = "The workflow's arguments, one JSON value each.")
    List<String> args = List.of();

    @Option(names = "--deployment-id", description = "The run's deploymentId.")
    String deploymentId;

    @Option(names = "--idempotency-key", description = "Start at most one run for this key: again, it answers the same run.")
    String idempotencyKey;

    @Option(names = "--wait", description = "Wait until the run ends; exit 4 if it did not complete.")
    boolean await;

    @Option(names = "--timeout", defaultValue = "600", description = "With --wait, give up after this many seconds (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        JsonArrayBuilder values = Json.createArrayBuilder();
        args.forEach(a -> values.add(Arguments.lenient(a)));
        JsonObjectBuilder body = Json.createObjectBuilder().add("workflowName", workflow).add("args", values);
        if (deploymentId != null) {
            body.add("deploymentId", deploymentId);
        }
        if (idempotencyKey != null) {
            body.add("idempotencyKey", idempotencyKey);
        }
        ApiClient api = connection.client();
        JsonObject run = api.post("/runs", body.build());
        if (await) {
            run = awaitEnd(api, run.getString("runId"), Duration.ofSeconds(timeoutSeconds));
        }
        if (connection.json) {
            connection.print(run);
        } else {
            Inspect.printRun(connection.out(), run);
        }
        return !await || "completed".equals(run.getString("status")) ? 0 : ApiException.RUN_DID_NOT_COMPLETE;
    }

    /** Polls the run, a little less often the longer it takes, until it is completed, failed or cancelled. */
    static JsonObject awaitEnd(ApiClient api, String runId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 50;
        while (true) {
            JsonObject run = api.get("/runs/" + segment(runId));
            if (TERMINAL.contains(run.getString("status"))) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new ApiException(ApiException.RUN_DID_NOT_COMPLETE, "Run " + runId + " is still "
                        + run.getString("status") + " after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ApiException.UNAVAILABLE, "Interrupted");
            }
            pause = Math.min(1000, pause * 2);
        }
    }
}
