package dev.durable.workflow.cli;

import static dev.durable.workflow.cli.ApiClient.segment;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The actions on one run: {@code cancel}, {@code wake-up} and {@code rerun}. */
final class RunCommands {
    private RunCommands() {
    }

    @Command(name = "cancel", description = "Cancel a run: its pending steps do not run, its children are cancelled.")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "runId")
        String runId;

        @Option(names = "--reason", description = "Why, recorded on the run_cancelled event.")
        String reason;

        @Override
        public Integer call() {
            JsonObject body = reason == null ? JsonObject.EMPTY_JSON_OBJECT : Json.createObjectBuilder().add("reason", reason).build();
            JsonObject run = connection.client().post("/runs/" + segment(runId) + "/cancel", body);
            if (connection.json) {
                connection.print(run);
            } else {
                connection.out().println("Cancelled " + run.getString("runId") + " (" + run.getString("status") + ")");
                connection.out().flush();
            }
            return 0;
        }
    }

    @Command(name = "wake-up", description = "End a run's pending sleeps now.")
    static final class WakeUp implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "runId")
        String runId;

        @Override
        public Integer call() {
            JsonObject answer = connection.client().post("/runs/" + segment(runId) + "/wake-up", JsonObject.EMPTY_JSON_OBJECT);
            if (connection.json) {
                connection.print(answer);
            } else {
                int woken = answer.getInt("woken");
                connection.out().println("Woke " + woken + (woken == 1 ? " sleep" : " sleeps") + " of " + runId);
                connection.out().flush();
            }
            return 0;
        }
    }

    @Command(name = "rerun", description = "Start a new run of the run's workflow with its input and deploymentId.")
    static final class Rerun implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "runId")
        String runId;

        @Override
        public Integer call() {
            JsonObject run = connection.client().post("/runs/" + segment(runId) + "/rerun", null);
            if (connection.json) {
                connection.print(run);
            } else {
                Inspect.printRun(connection.out(), run);
            }
            return 0;
        }
    }
}
