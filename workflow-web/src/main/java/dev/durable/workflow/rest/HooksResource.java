package dev.durable.workflow.rest;

import dev.durable.workflow.api.HookInfo;
import dev.durable.workflow.api.WorkflowService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Hooks, by token.
 *
 * <pre>
 * POST /hooks/{token}   resume the hook with the JSON body as its payload: 202 {"hookId", "runId"};
 *                       404 if no active hook holds the token, 400 (with "violations") if the payload
 *                       does not fit the hook's type
 * GET  /hooks/{token}   the active hook: id, token, run, kind, status, metadata, payloads received
 * </pre>
 */
@Tag(name = "hooks")
@APIResponse(responseCode = "default", ref = "Problem")
@Path("/hooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HooksResource {

    @EJB
    WorkflowService workflows;

    /** Appends the body to the hook's run as its next payload and resumes the run. */
    @Operation(summary = "Resume a hook", description = "The body, any JSON value, becomes the hook's next payload.")
    @RequestBody(required = true, description = "The payload, checked against the hook's type",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "202", description = "The payload is recorded and the run resumed",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "HookReceipt")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resume(@PathParam("token") String token, InputStream body) throws IOException {
        HookInfo hook = workflows.resumeHook(token, StartRequest.parseJson(StartRequest.readBody(body)));
        return Response.accepted(RunsResource.json(JsonViews.FACTORY.createObjectBuilder()
                .add("hookId", hook.hookId()).add("runId", hook.runId()).build())).build();
    }

    /** The active hook holding the token. */
    @Operation(summary = "Get the active hook holding a token")
    @APIResponse(responseCode = "200", description = "The hook",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Hook")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{token}")
    public Response get(@PathParam("token") String token) {
        return Response.ok(RunsResource.json(JsonViews.hook(workflows.getHook(token)))).build();
    }
}
