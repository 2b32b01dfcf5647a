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
@Path("/hooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HooksResource {

    @EJB
    WorkflowService workflows;

    /** Appends the body to the hook's run as its next payload and resumes the run. */
    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resume(@PathParam("token") String token, InputStream body) throws IOException {
        HookInfo hook = workflows.resumeHook(token, StartRequest.parseJson(StartRequest.readBody(body)));
        return Response.accepted(RunsResource.json(JsonViews.FACTORY.createObjectBuilder()
                .add("hookId", hook.hookId()).add("runId", hook.runId()).build())).build();
    }

    /** The active hook holding the token. */
    @GET
    @Path("{token}")
    public Response get(@PathParam("token") String token) {
        return Response.ok(RunsResource.json(JsonViews.hook(workflows.getHook(token)))).build();
    }
}
