package dev.durable.workflow.rest;

import dev.durable.workflow.api.WorkflowInspector;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /workflows}: the registered workflows, {@code {"data": [{name, className, parameterTypes, returnType}]}}. */
@Path("/workflows")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowsResource {

    @EJB
    WorkflowInspector inspector;

    /** The registered workflows, by name. */
    @GET
    public Response list() {
        return Response.ok(RunsResource.json(JsonViews.workflows(inspector.workflows()))).build();
    }
}
