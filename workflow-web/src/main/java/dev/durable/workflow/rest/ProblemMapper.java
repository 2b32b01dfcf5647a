package dev.durable.workflow.rest;

import dev.durable.workflow.api.EngineUnavailableException;
import dev.durable.workflow.api.IdempotencyConflictException;
import dev.durable.workflow.api.InvalidArgumentsException;
import dev.durable.workflow.api.InvalidHookPayloadException;
import dev.durable.workflow.api.UnknownHookException;
import dev.durable.workflow.api.RunAlreadyTerminalException;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.api.UnknownStreamException;
import dev.durable.workflow.api.UnknownWorkflowException;
import dev.durable.workflow.api.WorkflowException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception that leaves a resource (or JAX-RS itself: no route, wrong method, wrong media
 * type) into an {@code application/problem+json} answer. One mapper for {@link Throwable}, so that no
 * error ever reaches the client as an HTML page or a stack trace:
 *
 * <ul>
 *   <li>{@link ProblemException}: its problem (400 bad request, 413 body too large);</li>
 *   <li>{@link UnknownWorkflowException}, {@link UnknownRunException}: 404;</li>
 *   <li>{@link InvalidArgumentsException}, {@link IllegalArgumentException} (e.g. a bad cursor): 400;</li>
 *   <li>{@link RunAlreadyTerminalException}, {@code JobStateException}: 409; {@code InvalidJobException}: 400;
 *       {@code UnknownJobException}: 404;</li>
 *   <li>any other {@link WorkflowException}: 400, or 500 when it wraps a cause (a failure of the engine
 *       or its resources, not of the request);</li>
 *   <li>{@link WebApplicationException}: its own status (404, 405, 406, 415...), keeping its headers
 *       such as {@code Allow};</li>
 *   <li>{@link EJBException}: what it wraps, mapped by these rules;</li>
 *   <li>anything else: 500 with a reference to the log entry, which holds the stack trace.</li>
 * </ul>
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    /** When a client may try again after a 503 (the engine cannot take runs now). */
    static final int RETRY_AFTER_SECONDS = 30;

    @Context
    UriInfo uriInfo;
    @Context
    Request request;
    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable t = unwrap(thrown);
        Response original = originalResponse(t);
        if (original != null && original.getStatus() < 400) {
            // not an error: a redirect, or the container's automatic answer to OPTIONS
            return original;
        }
        RequestFacts facts = requestFacts();
        Problem problem = problemFor(t, facts);
        Response.ResponseBuilder answer = Response.fromResponse(problem.toResponse(facts.path()));
        if (problem.status() == 503) {
            answer.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (original != null) {
            // keep what the container said besides the body, e.g. the Allow header of a 405
            for (Map.Entry<String, List<String>> header : original.getStringHeaders().entrySet()) {
                if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
                        && !header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                    header.getValue().forEach(v -> answer.header(header.getKey(), v));
                }
            }
        }
        return answer.build();
    }

    /**
     * What went wrong, as a problem. Server-side failures are logged here with a reference that the
     * problem's detail repeats, so the client learns nothing of the internals but can quote it.
     */
    static Problem problemFor(Throwable thrown, RequestFacts facts) {
        ProblemException refused = find(thrown, ProblemException.class);
        if (refused != null) {
            // found anywhere in the chain: a reader may have wrapped the body limit's exception
            return refused.problem();
        }
        Throwable t = unwrap(thrown);
        if (t instanceof UnknownWorkflowException) {
            return Problem.of(404, "unknown-workflow", "Unknown workflow", t.getMessage());
        }
        if (t instanceof UnknownRunException) {
            return Problem.of(404, "unknown-run", "Unknown run", t.getMessage());
        }
        if (t instanceof InvalidArgumentsException) {
            return Problem.of(400, "invalid-arguments", "Invalid arguments", t.getMessage());
        }
        if (t instanceof EngineUnavailableException) {
            return Problem.of(503, "engine-unavailable", "Engine unavailable", t.getMessage());
        }
        if (t instanceof UnknownStreamException) {
            return Problem.of(404, "unknown-stream", "Unknown stream", t.getMessage());
        }
        if (t instanceof UnknownHookException) {
            return Problem.of(404, "unknown-hook", "Unknown hook", t.getMessage());
        }
        if (t instanceof InvalidHookPayloadException invalid) {
            return new Problem(400, Problem.TYPE_PREFIX + "invalid-payload", "Invalid payload", invalid.getMessage(),
                    invalid.violations());
        }
        if (t instanceof IdempotencyConflictException) {
            return Problem.of(409, "idempotency-conflict", "Idempotency conflict", t.getMessage());
        }
        if (t instanceof dev.durable.workflow.api.InvalidJobException) {
            return Problem.of(400, "invalid-job", "Invalid job", t.getMessage());
        }
        if (t instanceof dev.durable.workflow.api.UnknownJobException) {
            return Problem.of(404, "unknown-job", "Unknown job", t.getMessage());
        }
        if (t instanceof dev.durable.workflow.api.JobStateException) {
            return Problem.of(409, "job-state", "Job not in that state", t.getMessage());
        }
        if (t instanceof RunAlreadyTerminalException) {
            return Problem.of(409, "run-already-terminal", "Run already terminal", t.getMessage());
        }
        if (t instanceof WorkflowException && t.getCause() == null) {
            return Problem.of(400, "workflow-error", "Workflow error", t.getMessage());
        }
        if (t instanceof IllegalArgumentException) {
            return Problem.invalidRequest(t.getMessage() != null ? t.getMessage() : "Invalid request");
        }
        Response original = originalResponse(t);
        if (original != null && original.getStatus() < 500) {
            return Problem.forStatus(original.getStatus(), clientErrorDetail(t, original, facts));
        }
        if (databaseUnavailable(t)) {
            LOG.log(Level.WARNING, () -> "The database is unavailable, answering " + facts.method() + " " + facts.path()
                    + " with 503: " + rootMessage(t));
            return Problem.of(503, "database-unavailable", "Database unavailable",
                    "The engine cannot reach its database now; nothing was done. Try again later");
        }
        int status = original != null ? original.getStatus() : 500;
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, t, () -> "Internal error, reference " + reference + ", answering "
                + facts.method() + " " + facts.path() + " with " + status);
        Problem internal = Problem.of(status, "internal-error", "Internal error",
                "Internal error; see the server log, reference " + reference);
        return status == 500 ? internal : Problem.forStatus(status, internal.detail());
    }

    /**
     * Whether the failure is the database being out of reach (refused, cut off or shut down), which is a
     * 503 to retry rather than an internal error: a connection-class SQL state (08xxx), an operator
     * intervention (57Pxx: shutdown, terminated backends, cannot connect now), a database not accepting
     * connections (55000 with PostgreSQL), or the connection pool unable to give a connection.
     */
    static boolean databaseUnavailable(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException || t instanceof jakarta.resource.ResourceException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("55000")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable thrown) {
        Throwable t = thrown;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * Removes {@link EJBException} wrappers: the container wraps a bean's unchecked exceptions in them
     * (ours are application exceptions and normally arrive bare, but not on every path).
     */
    static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        while (t instanceof EJBException ejb) {
            Throwable cause = ejb.getCausedByException() != null ? ejb.getCausedByException() : ejb.getCause();
            if (cause == null || cause == t) {
                break;
            }
            t = cause;
        }
        return t;
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * The response an exception carries: a {@link WebApplicationException}'s, or that of RESTEasy's own
     * {@code Failure} (not a WebApplicationException; looked up by name so the WAR does not depend on it).
     */
    private static Response originalResponse(Throwable t) {
        if (t instanceof WebApplicationException wae) {
            return wae.getResponse();
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.jboss.resteasy.spi.Failure")) {
                try {
                    if (c.getMethod("getResponse").invoke(t) instanceof Response response) {
                        return response;
                    }
                    if (c.getMethod("getErrorCode").invoke(t) instanceof Integer code && code >= 100) {
                        return Response.status(code).build();
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.log(Level.FINE, "Cannot read the response of " + t, e);
                }
                return null;
            }
        }
        return null;
    }

    private static String clientErrorDetail(Throwable t, Response original, RequestFacts facts) {
        switch (original.getStatus()) {
            case 404:
                return "No resource at " + facts.path();
            case 405:
                String allowed = String.join(", ", original.getAllowedMethods());
                return "Method " + facts.method() + " is not allowed on " + facts.path()
                        + (allowed.isEmpty() ? "" : "; allowed: " + allowed);
            case 406:
                return "None of the accepted media types (" + facts.accept() + ") can be produced; "
                        + "this API produces application/json";
            case 415:
                return "Content-Type " + (facts.contentType() == null ? "(none)" : facts.contentType())
                        + " is not supported here; send application/json";
            case 400:
                // JAX-RS's own 400s (a parameter it could not decode...) carry its internals: not for the client
                return "The request could not be read: a query parameter, header or path segment is malformed "
                        + "(for instance a bad percent-encoding such as %zz)";
            default:
                return null;
        }
    }

    private RequestFacts requestFacts() {
        try {
            return new RequestFacts(request.getMethod(), uriInfo.getRequestUri().getRawPath(),
                    headers.getHeaderString(HttpHeaders.CONTENT_TYPE), headers.getHeaderString(HttpHeaders.ACCEPT));
        } catch (RuntimeException e) {
            // no request in context (should not happen): answer without the facts
            return new RequestFacts(null, null, null, null);
        }
    }

    /** What the error details say about the request; any of it may be {@code null}. */
    record RequestFacts(String method, String path, String contentType, String accept) {
    }
}
