package dev.durable.workflow.cli;

import static dev.durable.workflow.cli.ApiClient.params;
import static dev.durable.workflow.cli.ApiClient.query;
import static dev.durable.workflow.cli.ApiClient.segment;
import static dev.durable.workflow.cli.Output.duration;
import static dev.durable.workflow.cli.Output.json;
import static dev.durable.workflow.cli.Output.text;
import static dev.durable.workflow.cli.Output.time;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workflow inspect runs|steps|events|hooks|streams|sleeps}: reads runs and what they hold. */
@Command(name = "inspect", description = "Show runs, or a run's steps, events, hooks, streams or sleeps.",
        subcommands = {Inspect.Runs.class, Inspect.Steps.class, Inspect.Events.class, Inspect.Hooks.class,
                Inspect.Streams.class, Inspect.Sleeps.class})
final class Inspect implements Runnable {
    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*(s|m|min|h|d)");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Say what to inspect: runs, steps, events, hooks, streams or sleeps");
    }

    /** Paging of a list. */
    static final class Paging {
        @Option(names = "--limit", description = "At most this many (1-1000; default 20).")
        Integer limit;

        @Option(names = "--cursor", description = "Continue after the page that printed this cursor.")
        String cursor;
    }

    @Command(name = "runs", description = "List runs, newest first, or show one run.")
    static final class Runs implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Mixin
        Paging paging;

        @Parameters(arity = "0..1", paramLabel = "runId", description = "Show this run only.")
        String runId;

        @Option(names = "--workflow", description = "Only runs of this workflow.")
        String workflow;

        @Option(names = "--status", description = "Only runs in this status (pending, running, completed, failed, cancelled).")
        String status;

        @Option(names = "--since", description = "Created at or after: an ISO-8601 instant or an age such as 30m, 2h, 1d.")
        String since;

        @Option(names = "--until", description = "Created before: an ISO-8601 instant or an age such as 30m, 2h, 1d.")
        String until;

        @Override
        public Integer call() {
            ApiClient api = connection.client();
            if (runId != null) {
                JsonObject run = api.get("/runs/" + segment(runId));
                if (connection.json) {
                    connection.print(run);
                } else {
                    printRun(connection.out(), run);
                }
                return 0;
            }
            JsonObject page = api.get("/runs" + query(params("workflowName", workflow, "status", status,
                    "since", instant("--since", since), "until", instant("--until", until),
                    "limit", paging.limit, "cursor", paging.cursor)));
            if (connection.json) {
                connection.print(page);
                return 0;
            }
            Output table = Output.table("RUN", "WORKFLOW", "STATUS", "CREATED", "DURATION");
            for (JsonValue v : page.getJsonArray("data")) {
                JsonObject run = v.asJsonObject();
                table.row(run.getString("runId"), run.getString("workflowName"), run.getString("status"),
                        time(text(run, "createdAt")), duration(text(run, "startedAt"), text(run, "completedAt")));
            }
            printPage(connection.out(), table, page, "runs");
            return 0;
        }
    }

    @Command(name = "steps", description = "A run's steps in execution order.")
    static final class Steps implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Mixin
        Paging paging;

        @Parameters(paramLabel = "runId")
        String runId;

        @Override
        public Integer call() {
            JsonObject page = list(connection, runId, "steps", paging);
            if (page == null) {
                return 0;
            }
            Output table = Output.table("STEP", "NAME", "STATUS", "ATTEMPT", "STARTED", "DURATION", "OUTPUT / ERROR");
            for (JsonValue v : page.getJsonArray("data")) {
                JsonObject s = v.asJsonObject();
                String result = s.get("error") != null && s.get("error").getValueType() == JsonValue.ValueType.OBJECT
                        ? Output.error(s) : json(s, "output");
                table.row(s.getString("stepId"), s.getString("stepName"), s.getString("status"),
                        String.valueOf(s.getInt("attempt", 0)), time(text(s, "startedAt")),
                        duration(text(s, "startedAt"), text(s, "completedAt")), result);
            }
            printPage(connection.out(), table, page, "steps");
            return 0;
        }
    }

    @Command(name = "events", description = "A run's event log in order.")
    static final class Events implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Mixin
        Paging paging;

        @Parameters(paramLabel = "runId")
        String runId;

        @Override
        public Integer call() {
            JsonObject page = list(connection, runId, "events", paging);
            if (page == null) {
                return 0;
            }
            Output table = Output.table("EVENT", "TYPE", "CORRELATION", "CREATED", "DATA");
            for (JsonValue v : page.getJsonArray("data")) {
                JsonObject e = v.asJsonObject();
                table.row(e.getString("eventId"), e.getString("eventType"), text(e, "correlationId"),
                        time(text(e, "createdAt")), json(e, "eventData"));
            }
            printPage(connection.out(), table, page, "events");
            return 0;
        }
    }

    @Command(name = "hooks", description = "A run's hooks and webhooks.")
    static final class Hooks implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "runId")
        String runId;

        @Override
        public Integer call() {
            JsonObject page = list(connection, runId, "hooks", null);
            if (page == null) {
                return 0;
            }
            Output table = Output.table("TOKEN", "KIND", "STATUS", "RECEIVED", "CREATED", "URL");
            for (JsonValue v : page.getJsonArray("data")) {
                JsonObject h = v.asJsonObject();
                table.row(h.getString("token"), h.getString("kind"), h.getString("status"),
                        String.valueOf(h.getInt("received", 0)), time(text(h, "createdAt")), text(h, "url"));
            }
            printPage(connection.out(), table, page, "hooks");
            return 0;
        }
    }

    @Command(name = "streams", description = "A run's streams.")
    static final class Streams implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "runId")
        String runId;

        @Override
        public Integer call() {
            JsonObject page = list(connection, runId, "streams", null);
            if (page == null) {
                return 0;
            }
            Output table = Output.table("NAME", "CHUNKS", "CLOSED", "CREATED");
            for (JsonValue v : page.getJsonArray("data")) {
                JsonObject s = v.asJsonObject();
                table.row(s.getString("name"), String.valueOf(s.getInt("chunks", 0)),
                        String.valueOf(s.getBoolean("closed", false)), time(text(s, "createdAt")));
            }
            printPage(connection.out(), table, page, "streams");
            return 0;
        }
    }

    @Command(name = "sleeps", description = "A run's durable sleeps, from its event log.")
    static final class Sleeps implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(paramLabel = "runId")
        String runId;

        @Override
        public Integer call() {
            Map<String, JsonObject> sleeps = sleeps(connection.client(), runId);
            if (connection.json) {
                JsonArrayBuilder data = Json.createArrayBuilder();
                sleeps.values().forEach(data::add);
                connection.print(Json.createObjectBuilder().add("data", data).build());
                return 0;
            }
            Output table = Output.table("WAIT", "STATUS", "CREATED", "RESUME AT", "ENDED");
            for (JsonObject s : sleeps.values()) {
                table.row(s.getString("waitId"), s.getString("status"), time(text(s, "createdAt")),
                        time(text(s, "resumeAt")), time(text(s, "completedAt")));
            }
            printPage(connection.out(), table, null, "sleeps");
            return 0;
        }
    }

    /** Every sleep of the run: {@code wait_created} and, once it ended, its {@code wait_completed}. */
    static Map<String, JsonObject> sleeps(ApiClient api, String runId) {
        Map<String, JsonObject> sleeps = new LinkedHashMap<>();
        String cursor = null;
        do {
            JsonObject page = api.get("/runs/" + segment(runId) + "/events" + query(params("limit", 1000, "cursor", cursor)));
            for (JsonValue v : page.getJsonArray("data")) {
                JsonObject e = v.asJsonObject();
                String id = text(e, "correlationId");
                if ("wait_created".equals(e.getString("eventType"))) {
                    JsonObject data = e.get("eventData") instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT;
                    sleeps.put(id, Json.createObjectBuilder().add("waitId", id).add("status", "waiting")
                            .add("createdAt", e.getString("createdAt"))
                            .add("resumeAt", data.getOrDefault("resumeAt", JsonValue.NULL))
                            .add("completedAt", JsonValue.NULL).build());
                } else if ("wait_completed".equals(e.getString("eventType")) && sleeps.containsKey(id)) {
                    sleeps.put(id, Json.createObjectBuilder(sleeps.get(id)).add("status", "completed")
                            .add("completedAt", e.getString("createdAt")).build());
                }
            }
            cursor = page.getBoolean("hasMore", false) ? text(page, "cursor") : null;
        } while (cursor != null);
        return sleeps;
    }

    static void printRun(PrintWriter out, JsonObject run) {
        List<String[]> facts = new ArrayList<>(List.of(
                new String[] {"runId", run.getString("runId")},
                new String[] {"workflow", run.getString("workflowName")},
                new String[] {"status", run.getString("status")},
                new String[] {"deploymentId", text(run, "deploymentId")},
                new String[] {"created", time(text(run, "createdAt"))},
                new String[] {"started", time(text(run, "startedAt"))},
                new String[] {"completed", time(text(run, "completedAt"))},
                new String[] {"duration", duration(text(run, "startedAt"), text(run, "completedAt"))},
                new String[] {"input", json(run, "input")}));
        if ("completed".equals(run.getString("status"))) {
            facts.add(new String[] {"output", json(run, "output")});
        }
        if (Output.error(run) != null) {
            facts.add(new String[] {"error", Output.error(run)});
        }
        if (text(run, "parentRunId") != null) {
            facts.add(new String[] {"parentRunId", text(run, "parentRunId")});
        }
        if (text(run, "rerunOf") != null) {
            facts.add(new String[] {"rerunOf", text(run, "rerunOf")});
        }
        Output.facts(out, facts.toArray(String[][]::new));
    }

    /** Fetches a run's list; with {@code --json} prints it and answers {@code null}. */
    private static JsonObject list(Connection connection, String runId, String what, Paging paging) {
        String q = paging == null ? "" : query(params("limit", paging.limit, "cursor", paging.cursor));
        JsonObject page = connection.client().get("/runs/" + segment(runId) + "/" + what + q);
        if (connection.json) {
            connection.print(page);
            return null;
        }
        return page;
    }

    private static void printPage(PrintWriter out, Output table, JsonObject page, String what) {
        if (table.isEmpty()) {
            out.println("No " + what + ".");
        } else {
            table.print(out);
        }
        if (page != null && page.getBoolean("hasMore", false)) {
            out.println("More: --cursor " + page.getString("cursor"));
        }
        out.flush();
    }

    /** An ISO-8601 instant as given, or an age ({@code 30m}, {@code 2h}, {@code 1d}) as the instant that long ago. */
    static String instant(String option, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher ago = AGO.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Instant.now().minus(d).toString();
        }
        try {
            return Instant.parse(value.trim()).toString();
        } catch (DateTimeParseException e) {
            throw new ApiException(ApiException.USAGE, option + " must be an ISO-8601 instant (2026-12-04T10:15:30Z) or an age such as 30m, 2h or 1d, not '"
                    + value + "'");
        }
    }
}
