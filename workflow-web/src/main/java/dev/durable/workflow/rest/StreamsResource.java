package dev.durable.workflow.rest;

import dev.durable.workflow.api.StreamChunk;
import dev.durable.workflow.api.StreamInfo;
import dev.durable.workflow.api.StreamPage;
import dev.durable.workflow.api.WorkflowInspector;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A run's output streams.
 *
 * <pre>
 * GET /runs/{runId}/streams                      the streams: name, chunks, closed, createdAt
 * GET /runs/{runId}/streams/{name}?startIndex=   Accept: text/event-stream: the chunks live, as Server-Sent
 *                                                Events whose id is the chunk's index (Last-Event-ID resumes
 *                                                after it); the response ends when the stream is closed
 *                                                Accept: application/x-ndjson: the chunks so far, one per line
 *                                                Accept: application/json: a page of chunks (limit, cursor)
 * </pre>
 *
 * A negative {@code startIndex} starts that many chunks from the end.
 */
@Tag(name = "streams")
@APIResponse(responseCode = "default", ref = "Problem")
@Path("/runs/{runId}/streams")
@RequestScoped
public class StreamsResource {
    static final String NDJSON = "application/x-ndjson";
    private static final String START_DOC = "The first chunk's index; negative counts from the end";

    @EJB
    WorkflowInspector inspector;

    @Resource
    ManagedScheduledExecutorService executor;

    @Resource
    ContextService context;

    @Operation(summary = "List a run's streams")
    @APIResponse(responseCode = "200", description = "The streams",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "StreamList")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("runId") String runId) {
        var data = JsonViews.FACTORY.createArrayBuilder();
        inspector.listStreams(runId).forEach(s -> data.add(view(s)));
        return Response.ok(RunsResource.json(JsonViews.FACTORY.createObjectBuilder().add("data", data).build())).build();
    }

    /** A page of chunks; {@code cursor} is the index to go on from. */
    @Operation(summary = "Read a stream",
            description = "With Accept: application/json, a page of chunks; application/x-ndjson, the chunks so far, "
                    + "one per line; text/event-stream, the chunks live as server-sent events (id: the chunk's index; "
                    + "Last-Event-ID resumes after it) until the stream is closed. A negative startIndex counts from the end.")
    @APIResponse(responseCode = "200", description = "The chunks", content = {
        @Content(mediaType = "application/json", schema = @Schema(ref = "ChunkPage")),
        @Content(mediaType = "application/x-ndjson"),
        @Content(mediaType = "text/event-stream")})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response page(@PathParam("runId") String runId, @PathParam("name") String name,
                         @Parameter(description = START_DOC) @QueryParam("startIndex") String startIndex,
                         @Parameter(description = RunsResource.LIMIT_DOC) @QueryParam("limit") String limit,
                         @Parameter(description = RunsResource.CURSOR_DOC) @QueryParam("cursor") String cursor) {
        int from = cursor != null && !cursor.isBlank() ? index("cursor", cursor, 0) : index("startIndex", startIndex, Integer.MIN_VALUE);
        StreamPage page = inspector.readStream(runId, name, from, RunsResource.parseLimit(limit));
        boolean hasMore = page.next() < page.total();
        var data = JsonViews.FACTORY.createArrayBuilder();
        page.chunks().forEach(c -> data.add(chunk(c)));
        JsonObject body = JsonViews.FACTORY.createObjectBuilder()
                .add("data", data)
                .add("cursor", JsonViews.string(hasMore ? Integer.toString(page.next()) : null))
                .add("hasMore", hasMore)
                .add("total", page.total())
                .add("closed", page.closed())
                .build();
        return Response.ok(RunsResource.json(body)).build();
    }

    /** The chunks written so far, one JSON text per line. */
    @GET
    @Path("{name}")
    @Produces(NDJSON + ";qs=0.8")
    public Response ndjson(@PathParam("runId") String runId, @PathParam("name") String name,
                           @Parameter(description = START_DOC) @QueryParam("startIndex") String startIndex) {
        StreamPage first = inspector.readStream(runId, name, index("startIndex", startIndex, Integer.MIN_VALUE),
                WorkflowInspector.MAX_LIMIT);
        StreamingOutput lines = out -> {
            StreamPage page = first;
            int end = first.total();
            while (true) {
                for (StreamChunk c : page.chunks()) {
                    if (c.index() < end) {
                        out.write((c.json() + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (page.chunks().isEmpty() || page.next() >= end) {
                    break;
                }
                page = inspector.readStream(runId, name, page.next(), WorkflowInspector.MAX_LIMIT);
            }
        };
        return Response.ok(lines, NDJSON).build();
    }

    /** The chunks live, as Server-Sent Events, until the stream is closed; holds no thread while waiting. */
    @GET
    @Path("{name}")
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    public void follow(@PathParam("runId") String runId, @PathParam("name") String name,
                       @Parameter(description = START_DOC) @QueryParam("startIndex") String startIndex,
                       @Parameter(description = "The index of the last chunk received: server-sent events resume after it")
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        int from = lastEventId != null && !lastEventId.isBlank()
                ? index("Last-Event-ID", lastEventId, -1) + 1
                : index("startIndex", startIndex, Integer.MIN_VALUE);
        // unknown run or stream: a 404 problem before anything is streamed
        StreamPage first = inspector.readStream(runId, name, from, StreamFollower.PAGE);
        new StreamFollower(inspector, executor, context, sink, sse, runId, name).start(first);
    }

    private static JsonObject view(StreamInfo s) {
        return JsonViews.FACTORY.createObjectBuilder()
                .add("name", s.name())
                .add("chunks", s.chunks())
                .add("closed", s.closed())
                .add("createdAt", JsonViews.instant(s.createdAt()))
                .build();
    }

    private static JsonObject chunk(StreamChunk c) {
        return JsonViews.FACTORY.createObjectBuilder()
                .add("index", c.index())
                .add("createdAt", JsonViews.instant(c.createdAt()))
                .add("data", JsonViews.embedded(c.json()))
                .build();
    }

    /** An index parameter: absent gives 0; else an integer of at least {@code min}. */
    private static int index(String what, String value, int min) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int index = Integer.parseInt(value.strip());
            if (index >= min) {
                return index;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem
        }
        throw new ProblemException(Problem.invalidRequest(what + " must be an integer"
                + (min == Integer.MIN_VALUE ? "" : " of at least " + min) + ", not '" + value + "'"));
    }
}
