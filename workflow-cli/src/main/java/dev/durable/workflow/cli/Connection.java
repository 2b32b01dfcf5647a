package dev.durable.workflow.cli;

import jakarta.json.JsonValue;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command takes: where the API is, who calls it, and whether to print JSON. */
final class Connection {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "${env:WORKFLOW_URL:-http://localhost:9080/workflow/api}",
            description = "The REST API's base URL (env WORKFLOW_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", defaultValue = "${env:WORKFLOW_USER}",
            description = "A user for HTTP Basic authentication (env WORKFLOW_USER).")
    String user;

    @Option(names = "--password", defaultValue = "${env:WORKFLOW_PASSWORD}", arity = "0..1", interactive = true,
            description = "The user's password (env WORKFLOW_PASSWORD; asked for when given without a value).")
    String password;

    @Option(names = "--json", description = "Print the API's JSON instead of a table, for scripts.")
    boolean json;

    ApiClient client() {
        return new ApiClient(url, user, password);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints a JSON value on one line (with {@code --json}). */
    void print(JsonValue value) {
        out().println(value);
        out().flush();
    }
}
