package dev.durable.workflow.cli;

import static dev.durable.workflow.cli.ApiClient.segment;

import jakarta.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code workflow resume <token> <json>}: delivers a payload to the hook that holds the token. */
@Command(name = "resume", description = "Resume the hook that holds a token with a JSON payload.")
final class ResumeCommand implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Parameters(index = "0", paramLabel = "token")
    String token;

    @Parameters(index = "1", paramLabel = "json", description = "The payload, as JSON.")
    String payload;

    @Override
    public Integer call() {
        JsonObject answer = connection.client().post("/hooks/" + segment(token), Arguments.strict(payload, "payload"));
        if (connection.json) {
            connection.print(answer);
        } else {
            connection.out().println("Resumed hook " + answer.getString("hookId") + " of run " + answer.getString("runId"));
            connection.out().flush();
        }
        return 0;
    }
}
