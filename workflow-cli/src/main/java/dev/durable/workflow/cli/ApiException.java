package dev.durable.workflow.cli;

/** A call the server refused or could not answer, or a bad argument, with the exit code the CLI ends with. */
final class ApiException extends RuntimeException {
    /** The server refused the request (a 4xx problem): the caller's mistake. */
    static final int REFUSED = 1;
    /** The command line is wrong (as for picocli's own usage errors). */
    static final int USAGE = 2;
    /** The server could not be reached or failed (a 5xx, a broken connection). */
    static final int UNAVAILABLE = 3;
    /** {@code --wait} saw the run end failed or cancelled. */
    static final int RUN_DID_NOT_COMPLETE = 4;

    private final int exitCode;

    ApiException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
