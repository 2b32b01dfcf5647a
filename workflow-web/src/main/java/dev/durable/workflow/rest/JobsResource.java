package dev.durable.workflow.rest;

import dev.durable.workflow.api.JobInfo;
import dev.durable.workflow.api.UnknownJobException;
import dev.durable.workflow.api.WorkflowJobs;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /jobs}: bulk work over runs ({@code POST /jobs/purge}, {@code /cancel}, {@code /rerun}, {@code /start})
 * as batch jobs, and their executions. The same executions are in the server's batch management at
 * {@code /ibm/api/batch}. Role {@code workflow-admin} (web.xml).
 */
@Tag(name = "jobs")
@APIResponse(responseCode = "default", ref = "Problem")
@Path("/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {
    private static final Map<String, String> JOBS = Map.of("purge", WorkflowJobs.PURGE_RUNS, "cancel",
            WorkflowJobs.CANCEL_RUNS, "rerun", WorkflowJobs.RERUN_RUNS, "start", WorkflowJobs.START_RUNS);

    @EJB
    WorkflowJobs jobs;

    @Context
    UriInfo uriInfo;

    /** Submits a job: 202 with its execution, {@code Location: /jobs/{executionId}}. */
    @Operation(summary = "Submit a bulk job",
            description = "purge: delete terminal runs that ended more than olderThanDays days ago, with their events, "
                    + "hooks and streams; cancel: cancel the live runs a filter selects; rerun: re-run the terminal runs a "
                    + "filter selects; start: start one run per line of a JSON-lines file on the server.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "JobParameters")))
    @APIResponse(responseCode = "202", description = "The job's execution, started",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Job")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @POST
    @Path("{job: purge|cancel|rerun|start}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"purge", "cancel", "rerun", "start"}))
                           @PathParam("job") String job, InputStream body) throws IOException {
        JobInfo started = jobs.submit(JOBS.get(job), parameters(StartRequest.readBody(body)));
        return Response.accepted(RunsResource.json(JsonViews.job(started)))
                .location(uriInfo.getBaseUriBuilder().path("jobs").path(Long.toString(started.executionId())).build()).build();
    }

    /** The latest executions of the jobs, newest first. */
    @Operation(summary = "List the bulk jobs' executions")
    @APIResponse(responseCode = "200", description = "The executions",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "JobList")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Response list(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(Problem.invalidRequest("limit must be from 1 to 1000, not " + limit));
        }
        return Response.ok(RunsResource.json(JsonViews.jobs(jobs.list(limit)))).build();
    }

    /** One execution, with its counts. */
    @Operation(summary = "Get a bulk job's execution")
    @APIResponse(responseCode = "200", description = "The execution",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Job")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{executionId: [0-9]{1,18}}")
    public Response get(@PathParam("executionId") long executionId) {
        return Response.ok(RunsResource.json(JsonViews.job(jobs.find(executionId)
                .orElseThrow(() -> new UnknownJobException("No execution " + executionId + " of the workflow jobs"))))).build();
    }

    /** Restarts a failed or stopped execution from its last checkpoint: 202 with the new execution. */
    @Operation(summary = "Restart a failed or stopped bulk job from its last checkpoint")
    @APIResponse(responseCode = "202", description = "The new execution",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Job")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @POST
    @Path("{executionId: [0-9]{1,18}}/restart")
    public Response restart(@PathParam("executionId") long executionId) {
        JobInfo restarted = jobs.restart(executionId);
        return Response.accepted(RunsResource.json(JsonViews.job(restarted)))
                .location(uriInfo.getBaseUriBuilder().path("jobs").path(Long.toString(restarted.executionId())).build()).build();
    }

    /** Asks a running execution to stop at its next checkpoint. */
    @Operation(summary = "Stop a running bulk job at its next checkpoint")
    @APIResponse(responseCode = "200", description = "The execution, stopping",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Job")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @POST
    @Path("{executionId: [0-9]{1,18}}/stop")
    public Response stop(@PathParam("executionId") long executionId) {
        return Response.ok(RunsResource.json(JsonViews.job(jobs.stop(executionId)))).build();
    }

    /** The body's members as job parameters: strings, numbers or booleans (an empty body is no parameters). */
    private static Map<String, String> parameters(String body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return parameters;
        }
        if (!(StartRequest.parseJson(body) instanceof JsonObject object)) {
            throw new ProblemException(Problem.invalidRequest("The body must be a JSON object of the job's parameters"));
        }
        object.forEach((name, value) -> {
            String text = switch (value.getValueType()) {
                case STRING -> ((JsonString) value).getString();
                case NUMBER -> ((JsonNumber) value).toString();
                case TRUE, FALSE -> value.toString();
                case NULL -> null;
                default -> throw new ProblemException(Problem.invalidRequest(
                        "The job parameter '" + Problem.clip(name) + "' must be a string or a number"));
            };
            if (text != null) {
                if (text.length() > 4000) {
                    throw new ProblemException(Problem.invalidRequest("The job parameter '" + Problem.clip(name)
                            + "' must be at most 4000 characters"));
                }
                parameters.put(name, text);
            }
        });
        return parameters;
    }
}
