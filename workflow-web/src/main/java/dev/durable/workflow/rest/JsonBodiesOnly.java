package dev.durable.workflow.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) that does not declare a JSON body
 * ({@code Content-Type: application/json}, even when the body is empty) with 415: a browser sends such a
 * request to another site only after a CORS preflight, which this server does not grant, so a page
 * elsewhere cannot make a logged-in user's browser cancel or start runs (cross-site request forgery).
 *
 * <p>It runs once the request has matched a resource, so that an unknown path or method is still a 404
 * or 405. Hooks and webhooks are exempt: their token, not a login, authorises them, and a webhook takes
 * whatever its sender posts.
 */
@Provider
public class JsonBodiesOnly implements ContainerRequestFilter {
    private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.startsWith("hooks/") || relative.startsWith("webhooks/")) {
            return;
        }
        if (!isJson(request.getMediaType())) {
            request.abortWith(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "A " + request.getMethod() + " here must send Content-Type: application/json (an empty "
                    + "body is fine): other media types are refused, against cross-site form posts")
                    .toResponse(request.getUriInfo().getRequestUri().getRawPath()));
        }
    }

    static boolean isJson(MediaType type) {
        // exact: a wildcard such as */* is not a declaration of JSON
        return type != null && "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json"));
    }
}
