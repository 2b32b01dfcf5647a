package dev.durable.workflow.rest;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An RFC 9457 problem detail: every error answer of the API is one of these, sent as
 * {@code application/problem+json} with the members {@code type}, {@code title}, {@code status},
 * {@code detail} and {@code instance}.
 *
 * @param status the HTTP status
 * @param type a URN naming the kind of problem, e.g. {@code urn:workflow:problem:unknown-run}
 * @param title a short summary of the kind of problem; the same for every occurrence
 * @param detail what went wrong this time, for a person
 * @param violations each thing wrong with the input, when there are several (a member {@code violations})
 */
public record Problem(int status, String type, String title, String detail, java.util.List<String> violations) {

    /** A problem without a list of violations. */
    public Problem(int status, String type, String title, String detail) {
        this(status, type, title, detail, java.util.List.of());
    }

    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The prefix of every problem type. */
    public static final String TYPE_PREFIX = "urn:workflow:problem:";

    /** A problem whose type is {@link #TYPE_PREFIX} followed by {@code slug}. */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, TYPE_PREFIX + slug, title, detail);
    }

    /** 400: a request parameter or body member is wrong. */
    public static Problem invalidRequest(String detail) {
        return of(400, "invalid-request", "Invalid request", detail);
    }

    /** 400: the body is not JSON. */
    public static Problem malformedJson(String detail) {
        return of(400, "malformed-json", "Malformed JSON", detail);
    }

    /** 413: the body is larger than the configured limit. */
    public static Problem payloadTooLarge(long limit) {
        return of(413, "payload-too-large", "Payload too large",
                "The request body is larger than the limit of " + limit + " bytes");
    }

    /**
     * A problem for a bare HTTP status (from JAX-RS itself: no route, wrong method...): its type is
     * derived from the reason phrase, e.g. {@code urn:workflow:problem:method-not-allowed}.
     */
    public static Problem forStatus(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String slug = known != null
                ? title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                : "http-" + status;
        return of(status, slug, title, detail != null ? detail : title);
    }

    /** The problem as JSON; {@code instance} is the request path, or {@code null} if unknown. */
    public JsonObject toJson(String instance) {
        var json = JsonViews.FACTORY.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status)
                .add("detail", JsonViews.string(clip(detail)))
                .add("instance", JsonViews.string(clip(instance)));
        if (!violations.isEmpty()) {
            var list = JsonViews.FACTORY.createArrayBuilder();
            violations.forEach(list::add);
            json.add("violations", list);
        }
        return json.build();
    }

    /** The longest detail or instance sent: what a caller sent is not echoed back in full. */
    static final int MAX_TEXT = 1000;

    static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    /** The HTTP response carrying this problem. */
    public Response toResponse(String instance) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                // bytes, not a JsonObject: no dependence on which JSON-P provider handles problem+json
                .entity(toJson(instance).toString().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** Whether this problem is the server's fault (5xx). */
    public boolean isServerError() {
        return status >= 500;
    }
}
