package dev.durable.workflow.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * Refuses request bodies larger than a limit with 413: at once when the declared Content-Length is
 * over it, otherwise while the body is read (see {@link LimitedInputStream}). A body in a
 * Content-Encoding that the server does not decode (only gzip is) is refused with 415
 * rather than read as if it were plain.
 *
 * <p>The limit is the system property {@value #PROPERTY} (e.g. {@code -Dworkflow.rest.maxBodyBytes=2097152}
 * in Liberty's {@code jvm.options}), else the environment variable {@value #ENV} (Liberty's
 * {@code server.env}), else 1 MiB.
 */
@Provider
@PreMatching
public class BodyLimitFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(BodyLimitFilter.class.getName());

    /** The system property that sets the limit, in bytes. */
    public static final String PROPERTY = "workflow.rest.maxBodyBytes";
    /** The environment variable that sets the limit when the property is not set. */
    public static final String ENV = "WORKFLOW_REST_MAX_BODY_BYTES";
    /** The limit when none is configured: 1 MiB. */
    public static final long DEFAULT_LIMIT = 1024 * 1024;

    private final long limit = configuredLimit();

    /** The request content codings the server's HTTP channel decodes. */
    static final java.util.Set<String> DECODED = java.util.Set.of("identity", "gzip", "x-gzip");

    @Override
    public void filter(ContainerRequestContext request) {
        String encoding = request.getHeaderString("Content-Encoding");
        if (encoding != null && !DECODED.contains(encoding.trim().toLowerCase(java.util.Locale.ROOT))) {
            request.abortWith(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "Content-Encoding " + Problem.clip(encoding) + " is not supported: send gzip or none")
                    .toResponse(request.getUriInfo().getRequestUri().getRawPath()));
            return;
        }
        // getLength() is -1 when no Content-Length was sent (a chunked body)
        if (request.getLength() > limit) {
            request.abortWith(Problem.payloadTooLarge(limit)
                    .toResponse(request.getUriInfo().getRequestUri().getRawPath()));
            return;
        }
        if (request.getEntityStream() != null) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit));
        }
    }

    /** The limit currently configured. */
    static long configuredLimit() {
        String property = System.getProperty(PROPERTY);
        return parseLimit(property != null ? property : System.getenv(ENV));
    }

    /** A configured limit: a positive number of bytes; anything else gives the default, with a warning. */
    static long parseLimit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through to the warning
        }
        LOG.warning(() -> "Ignoring " + PROPERTY + "=" + value + ": not a positive number of bytes; using "
                + DEFAULT_LIMIT);
        return DEFAULT_LIMIT;
    }
}
