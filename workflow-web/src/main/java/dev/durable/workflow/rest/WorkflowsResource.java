package dev.durable.workflow.rest;

import dev.durable.workflow.api.WorkflowInspector;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /workflows}: the registered workflows, {@code {"data": [{name, className, parameterTypes, returnType}]}}. */
@Tag(name = "workflows")
@APIResponse(responseCode = "default", ref = "Problem")
@Path("/workflows")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowsResource {

    @EJB
    WorkflowInspector inspector;

    /** The registered workflows, by name. */
    @Operation(summary = "List the registered workflows")
    @APIResponse(responseCode = "200", description = "The workflows",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "WorkflowList")))
    @GET
    public Response list() {
        return Response.ok(RunsResource.json(JsonViews.workflows(inspector.workflows()))).build();
    }
}
