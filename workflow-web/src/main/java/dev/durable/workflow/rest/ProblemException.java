package dev.durable.workflow.rest;

/**
 * Thrown by the REST layer for a request it refuses (bad parameters, malformed body, body too large);
 * {@link ProblemMapper} answers with its {@link Problem}. It is unchecked so that it can also leave an
 * {@link java.io.InputStream#read()} that has passed the body limit.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    /** An exception answered with {@code problem}. */
    public ProblemException(Problem problem) {
        // a client error: the stack trace would never be looked at
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    /** The answer to send. */
    public Problem problem() {
        return problem;
    }
}
