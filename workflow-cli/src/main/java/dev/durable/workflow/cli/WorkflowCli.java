package dev.durable.workflow.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code workflow} command: inspects and operates runs over the engine's REST API. Exit codes: 0
 * done, 1 the server refused (its problem's detail is printed), 2 bad usage, 3 the server could not be
 * reached or failed, 4 {@code --wait} saw the run end without completing.
 */
@Command(name = "workflow", mixinStandardHelpOptions = true, version = "workflow 0.1.0",
        description = "Inspect and operate durable workflow runs over the REST API.",
        subcommands = {Inspect.class, StartCommand.class, RunCommands.Cancel.class, RunCommands.WakeUp.class,
                RunCommands.Rerun.class, ResumeCommand.class, TailCommand.class, JobCommands.class, CommandLine.HelpCommand.class})
public final class WorkflowCli {
    private WorkflowCli() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line, printing to {@code out} and {@code err}, and answers the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new WorkflowCli()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof ApiException api) {
                err.println("workflow: " + api.getMessage());
                err.flush();
                return api.exitCode();
            }
            throw e;
        });
        return cli.execute(args);
    }
}
