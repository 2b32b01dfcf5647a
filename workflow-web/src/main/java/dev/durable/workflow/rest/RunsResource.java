package dev.durable.workflow.rest;

import dev.durable.workflow.api.Page;
import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.RunFilter;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.api.WorkflowInspector;
import dev.durable.workflow.api.WorkflowService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Runs: start, list, read, cancel, and a run's steps and events.
 *
 * <pre>
 * POST /runs                      start a run: 202, Location: /runs/{runId}, the run
 * GET  /runs?workflowName=&amp;status=&amp;limit=&amp;cursor=   a page of runs, newest first
 * GET  /runs/{runId}              the run
 * GET  /runs/{runId}/steps?limit=&amp;cursor=    a page of its steps, in execution order
 * GET  /runs/{runId}/events?limit=&amp;cursor=   a page of its events, in log order
 * GET  /runs/{runId}/hooks        its hooks and webhooks, in creation order
 * POST /runs/{runId}/cancel       cancel it (optional body {"reason": ".."}): 200, the run
 * POST /runs/{runId}/wake-up      end its pending sleeps: 200, {"woken": n, "run": ...}
 * </pre>
 *
 * Query parameters are taken as strings and checked here, so that a bad value is a 400 problem that
 * names it (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
@Tag(name = "runs")
@APIResponse(responseCode = "default", ref = "Problem")
@Path("/runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    /** The page size when none is asked for. */
    static final int DEFAULT_LIMIT = 20;
    static final String LIMIT_DOC = "The page size, from 1 to 1000; 20 when absent";
    static final String CURSOR_DOC = "The previous page's cursor, to read the next page";

    @EJB
    WorkflowService workflows;
    @EJB
    WorkflowInspector inspector;
    @Context
    UriInfo uriInfo;
    @Context
    SecurityContext security;

    /** Starts a run of the workflow named in the body. */
    @Operation(summary = "Start a run",
            description = "Records the run and enqueues it; the answer is the run, pending, and its Location. "
                    + "A second start with the same idempotencyKey answers with the first run.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "StartRequest")))
    @APIResponse(responseCode = "202", description = "The run, accepted",
            headers = @Header(name = "Location", description = "The run's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Run")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(InputStream body) throws IOException {
        StartRequest start = StartRequest.parse(StartRequest.readBody(body));
        Run<Object> run = workflows.start(start.workflowName(), start.args(), start.options());
        URI location = uriInfo.getBaseUriBuilder().path("runs").path(run.runId()).build();
        return Response.accepted(json(JsonViews.run(find(run.runId())))).location(location).build();
    }

    /**
     * Lists runs, newest first: optionally of one workflow, in one status, created in a window
     * ({@code since} inclusive, {@code until} exclusive, ISO-8601 instants), holding an idempotency key, or
     * re-running a given run.
     */
    @Operation(summary = "List runs", description = "Newest first; filters combine. since and until take ISO-8601 instants.")
    @APIResponse(responseCode = "200", description = "A page of runs",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RunPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Response list(@Parameter(description = "Only runs of this workflow") @QueryParam("workflowName") String workflowName,
                         @Parameter(description = "Only runs in this status: pending, running, completed, failed or cancelled")
                         @QueryParam("status") String status,
                         @Parameter(description = "Only runs created at or after this instant") @QueryParam("since") String since,
                         @Parameter(description = "Only runs created before this instant") @QueryParam("until") String until,
                         @Parameter(description = "Only the run started with this idempotency key")
                         @QueryParam("idempotencyKey") String idempotencyKey,
                         @Parameter(description = "Only re-runs of this run") @QueryParam("rerunOf") String rerunOf,
                         @Parameter(description = LIMIT_DOC) @QueryParam("limit") String limit,
                         @Parameter(description = CURSOR_DOC) @QueryParam("cursor") String cursor) {
        RunFilter filter = new RunFilter(blankToNull(workflowName), parseStatus(status), parseInstant("since", since),
                parseInstant("until", until), blankToNull(idempotencyKey), blankToNull(rerunOf));
        Page<RunInfo> page = inspector.listRuns(filter, parseLimit(limit), blankToNull(cursor));
        return Response.ok(json(JsonViews.page(page, JsonViews::run))).build();
    }

    /** One run. */
    @Operation(summary = "Get a run")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Run")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{runId}")
    public Response get(@PathParam("runId") String runId) {
        return Response.ok(json(JsonViews.run(find(runId)))).build();
    }

    /** A run's steps. */
    @Operation(summary = "List a run's steps", description = "In execution order.")
    @APIResponse(responseCode = "200", description = "A page of steps",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "StepPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{runId}/steps")
    public Response steps(@PathParam("runId") String runId,
                          @Parameter(description = LIMIT_DOC) @QueryParam("limit") String limit,
                          @Parameter(description = CURSOR_DOC) @QueryParam("cursor") String cursor) {
        return Response.ok(json(JsonViews.page(inspector.listSteps(runId, parseLimit(limit), blankToNull(cursor)),
                JsonViews::step))).build();
    }

    /** A run's event log. */
    @Operation(summary = "List a run's events", description = "In log order.")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "EventPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{runId}/events")
    public Response events(@PathParam("runId") String runId,
                           @Parameter(description = LIMIT_DOC) @QueryParam("limit") String limit,
                           @Parameter(description = CURSOR_DOC) @QueryParam("cursor") String cursor) {
        boolean showTokens = mayResumeHooks();
        return Response.ok(json(JsonViews.page(inspector.listEvents(runId, parseLimit(limit), blankToNull(cursor)),
                e -> JsonViews.event(e, showTokens)))).build();
    }

    /** A run's hooks and webhooks, whatever their status: {@code {"data": [...]}}. */
    @Operation(summary = "List a run's hooks and webhooks", description = "In creation order.")
    @APIResponse(responseCode = "200", description = "The hooks",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "HookList")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{runId}/hooks")
    public Response hooks(@PathParam("runId") String runId) {
        var data = JsonViews.FACTORY.createArrayBuilder();
        boolean showTokens = mayResumeHooks();
        inspector.listHooks(runId).forEach(h -> data.add(JsonViews.hook(h, showTokens)));
        return Response.ok(json(JsonViews.FACTORY.createObjectBuilder().add("data", data).build())).build();
    }

    /**
     * Cancels a run, recording the body's optional {@code reason}; 409 if it has already ended. An empty
     * body means no reason (so a bare {@code curl -XPOST} works).
     */
    @Operation(summary = "Cancel a run", description = "Cancels the run and its child runs; an empty body means no reason.")
    @RequestBody(required = false, content = @Content(mediaType = "application/json", schema = @Schema(ref = "CancelRequest")))
    @APIResponse(responseCode = "200", description = "The run, cancelled",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Run")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @POST
    @Path("{runId}/cancel")
    public Response cancel(@PathParam("runId") String runId, InputStream body) throws IOException {
        workflows.getRun(runId).cancel(reason(StartRequest.readBody(body)));
        return Response.ok(json(JsonViews.run(find(runId)))).build();
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonValue value = StartRequest.parseJson(body);
        if (!(value instanceof JsonObject object) || object.get("reason") == null
                || object.get("reason").getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(object.get("reason") instanceof JsonString reason)) {
            throw new ProblemException(Problem.invalidRequest("reason must be a string"));
        }
        if (reason.getString().length() > 1000) {
            throw new ProblemException(Problem.invalidRequest("reason must be at most 1000 characters"));
        }
        return reason.getString();
    }

    /** Starts a new run of the run's workflow with its input and deployment id: 202 with the new run. */
    @Operation(summary = "Re-run a run",
            description = "Starts a new run of the same workflow, input and deploymentId, recording rerunOf.")
    @APIResponse(responseCode = "202", description = "The new run",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Run")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @POST
    @Path("{runId}/rerun")
    public Response rerun(@PathParam("runId") String runId) {
        Run<Object> run = workflows.getRun(runId).rerun();
        URI location = uriInfo.getBaseUriBuilder().path("runs").path(run.runId()).build();
        return Response.accepted(json(JsonViews.run(find(run.runId())))).location(location).build();
    }

    /** Ends the run's pending sleeps now: 200 with {@code woken} (how many) and the run; 409 if it has ended. */
    @Operation(summary = "End a run's sleeps now")
    @APIResponse(responseCode = "200", description = "How many sleeps ended, and the run",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "WakeUpResult")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @POST
    @Path("{runId}/wake-up")
    public Response wakeUp(@PathParam("runId") String runId) {
        int woken = workflows.getRun(runId).wakeUp();
        return Response.ok(json(jakarta.json.Json.createObjectBuilder().add("woken", woken)
                .add("run", JsonViews.run(find(runId))).build())).build();
    }

    static Instant parseInstant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.invalidRequest(name + " must be an ISO-8601 instant such as "
                    + "2026-12-04T10:15:30Z, not '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'"));
        }
    }

    /**
     * Whether the caller may see hook tokens: an operator or admin. A token resumes its hook without a
     * login, so a viewer, who may not resume hooks, does not see it.
     */
    private boolean mayResumeHooks() {
        return security.isUserInRole(WorkflowInspector.OPERATOR) || security.isUserInRole(WorkflowInspector.ADMIN);
    }

    private RunInfo find(String runId) {
        return inspector.findRun(runId).orElseThrow(() -> new UnknownRunException(runId));
    }

    /** A page size: absent gives {@value #DEFAULT_LIMIT}; otherwise 1 to {@link WorkflowInspector#MAX_LIMIT}. */
    static int parseLimit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= WorkflowInspector.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem
        }
        throw new ProblemException(Problem.invalidRequest(
                "limit must be an integer from 1 to " + WorkflowInspector.MAX_LIMIT + ", not '" + value + "'"));
    }

    /** A run status by its wire name; absent gives {@code null} (any status). */
    static RunStatus parseStatus(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        RunStatus status = RunStatus.fromWireName(value.strip());
        if (status == null) {
            throw new ProblemException(Problem.invalidRequest("status must be one of "
                    + Arrays.stream(RunStatus.values()).map(RunStatus::wireName).collect(Collectors.joining(", "))
                    + ", not '" + value + "'"));
        }
        return status;
    }

    /** An empty query parameter ({@code ?cursor=}) means the same as an absent one. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The entity of a JSON answer: UTF-8 bytes, so the charset never depends on the container. */
    static byte[] json(JsonStructure value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
