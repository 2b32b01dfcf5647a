package dev.durable.workflow.cli;

import static dev.durable.workflow.cli.Output.text;
import static dev.durable.workflow.cli.Output.time;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workflow jobs}: the bulk jobs (purge, cancel, rerun, start) and their executions, over
 * {@code /jobs} (role workflow-admin).
 */
@Command(name = "jobs", description = "Submit and watch bulk jobs over runs (purge, cancel, rerun, start).",
        subcommands = {JobCommands.Submit.class, JobCommands.Show.class, JobCommands.Restart.class, JobCommands.Stop.class})
final class JobCommands implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Option(names = "--limit", defaultValue = "20", description = "How many executions to list (default ${DEFAULT-VALUE}).")
    int limit;

    /** Without a subcommand: the latest executions. */
    @Override
    public Integer call() {
        JsonObject page = connection.client().get("/jobs?limit=" + limit);
        if (connection.json) {
            connection.print(page);
            return 0;
        }
        Output table = Output.table("EXECUTION", "JOB", "STATUS", "CREATED", "ENDED", "READ", "WRITTEN", "PARAMETERS");
        for (JsonValue v : page.getJsonArray("data")) {
            JsonObject job = v.asJsonObject();
            table.row(job.getJsonNumber("executionId").toString(), job.getString("jobName"), job.getString("status"),
                    time(text(job, "createdAt")), time(text(job, "endedAt")), job.getJsonNumber("read").toString(),
                    job.getJsonNumber("written").toString(), parameters(job));
        }
        if (table.isEmpty()) {
            connection.out().println("No jobs yet");
            connection.out().flush();
        } else {
            table.print(connection.out());
        }
        return 0;
    }

    @Command(name = "submit", description = "Submit a job: purge (-p olderThanDays=N), cancel or rerun (-p workflowName=…, "
            + "status, errorCode, createdAfter, createdBefore), start (-p workflowName=… -p inputFile=/path/on/server.jsonl).")
    static final class Submit implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "job", description = "purge, cancel, rerun or start")
        String job;

        @Option(names = {"-p", "--param"}, paramLabel = "name=value", description = "A job parameter (repeatable).")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Option(names = "--wait", description = "Wait until the job ends; exit 4 unless it completed.")
        boolean await;

        @Override
        public Integer call() {
            JsonObjectBuilder body = Json.createObjectBuilder();
            parameters.forEach(body::add);
            JsonObject execution = connection.client().post("/jobs/" + ApiClient.segment(job), body.build());
            return await ? JobCommands.await(connection, execution) : show(connection, execution);
        }
    }

    @Command(name = "show", description = "Show one execution of a job.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "executionId")
        long executionId;

        @Override
        public Integer call() {
            return show(connection, connection.client().get("/jobs/" + executionId));
        }
    }

    @Command(name = "restart", description = "Restart a failed or stopped execution from its last checkpoint.")
    static final class Restart implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "executionId")
        long executionId;

        @Option(names = "--wait", description = "Wait until the job ends; exit 4 unless it completed.")
        boolean await;

        @Override
        public Integer call() {
            JsonObject execution = connection.client().post("/jobs/" + executionId + "/restart", null);
            return await ? JobCommands.await(connection, execution) : show(connection, execution);
        }
    }

    @Command(name = "stop", description = "Ask a running execution to stop at its next checkpoint.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "executionId")
        long executionId;

        @Override
        public Integer call() {
            return show(connection, connection.client().post("/jobs/" + executionId + "/stop", null));
        }
    }

    private static int await(Connection connection, JsonObject execution) {
        String id = execution.getJsonNumber("executionId").toString();
        while (!ended(execution.getString("status"))) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ApiException.UNAVAILABLE, "Interrupted while waiting for job " + id);
            }
            execution = connection.client().get("/jobs/" + id);
        }
        show(connection, execution);
        return "COMPLETED".equals(execution.getString("status")) ? 0 : ApiException.RUN_DID_NOT_COMPLETE;
    }

    private static boolean ended(String status) {
        return switch (status) {
            case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> true;
            default -> false;
        };
    }

    private static int show(Connection connection, JsonObject job) {
        if (connection.json) {
            connection.print(job);
            return 0;
        }
        PrintWriter out = connection.out();
        Output.facts(out, new String[][] {
                {"Execution", job.getJsonNumber("executionId").toString()},
                {"Instance", job.getJsonNumber("instanceId").toString()},
                {"Job", job.getString("jobName")},
                {"Status", job.getString("status") + (text(job, "exitStatus") != null
                        && !job.getString("exitStatus").equals(job.getString("status")) ? " (" + job.getString("exitStatus") + ")" : "")},
                {"Created", time(text(job, "createdAt"))},
                {"Started", time(text(job, "startedAt"))},
                {"Ended", time(text(job, "endedAt"))},
                {"Read", job.getJsonNumber("read").toString()},
                {"Written", job.getJsonNumber("written").toString()},
                {"Parameters", parameters(job)},
        });
        return 0;
    }

    private static String parameters(JsonObject job) {
        StringBuilder b = new StringBuilder();
        job.getJsonObject("parameters").forEach((name, value) ->
                b.append(b.length() > 0 ? " " : "").append(name).append('=').append(((jakarta.json.JsonString) value).getString()));
        return b.length() == 0 ? "-" : b.toString();
    }
}
