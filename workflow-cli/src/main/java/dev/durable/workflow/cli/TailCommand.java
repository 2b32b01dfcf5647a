package dev.durable.workflow.cli;

import static dev.durable.workflow.cli.ApiClient.params;
import static dev.durable.workflow.cli.ApiClient.query;
import static dev.durable.workflow.cli.ApiClient.segment;
import static dev.durable.workflow.cli.Output.json;
import static dev.durable.workflow.cli.Output.text;
import static dev.durable.workflow.cli.Output.time;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workflow tail <runId>}: follows a run's events, or one of its streams, live until it ends. */
@Command(name = "tail", description = "Follow a run's events live until it ends, or with --stream one of its streams until it closes.")
final class TailCommand implements Callable<Integer> {
    private static final long POLL_MS = 300;

    @Mixin
    Connection connection;

    @Parameters(paramLabel = "runId")
    String runId;

    @Option(names = "--stream", description = "Follow this stream (see inspect streams) instead of the events.")
    String stream;

    @Override
    public Integer call() throws InterruptedException {
        ApiClient api = connection.client();
        PrintWriter out = connection.out();
        if (stream != null) {
            api.follow("/runs/" + segment(runId) + "/streams/" + segment(stream), chunk -> {
                out.println(chunk);
                out.flush();
            });
            return 0;
        }
        String cursor = null;
        while (true) {
            // read the status first: events written before a terminal status are then all in the pages that follow
            boolean ended = StartCommand.TERMINAL.contains(api.get("/runs/" + segment(runId)).getString("status"));
            boolean more;
            do {
                JsonObject page = api.get("/runs/" + segment(runId) + "/events" + query(params("limit", 1000, "cursor", cursor)));
                for (JsonValue v : page.getJsonArray("data")) {
                    print(out, v.asJsonObject());
                }
                more = page.getBoolean("hasMore", false);
                if (text(page, "cursor") != null) {
                    cursor = text(page, "cursor");
                }
            } while (more);
            if (ended) {
                return 0;
            }
            Thread.sleep(POLL_MS);
        }
    }

    private void print(PrintWriter out, JsonObject event) {
        if (connection.json) {
            out.println(event);
        } else {
            String correlation = text(event, "correlationId");
            String data = json(event, "eventData");
            out.println(time(text(event, "createdAt")) + "  " + event.getString("eventType")
                    + (correlation == null ? "" : "  " + correlation) + (data == null ? "" : "  " + data));
        }
        out.flush();
    }
}
