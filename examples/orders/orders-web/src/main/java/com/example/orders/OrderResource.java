package com.example.orders;

import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.WorkflowService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /orders} places an order: it starts an {@code orderFulfilment} run and answers 202 with
 * the order's status URL. {@code GET /orders/{id}} tells how far the order is.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    /** An order's progress: its run's status, and what fulfilling it produced once it is completed. */
    public record OrderStatus(String id, String status, Fulfilment fulfilment) {
    }

    @Inject
    WorkflowService workflows;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@NotNull @Valid Order order, @Context UriInfo uri) {
        Run<Fulfilment> run = workflows.start(OrderFulfilment.class, List.of(order));
        return Response.accepted(new OrderStatus(run.runId(), RunStatus.PENDING.wireName(), null))
                .location(uri.getAbsolutePathBuilder().path(run.runId()).build())
                .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        Run<Fulfilment> run = workflows.getRun(id);
        if (!run.exists()) {
            return Response.status(Response.Status.NOT_FOUND).type("application/problem+json")
                    .entity(Json.createObjectBuilder().add("type", "about:blank").add("title", "Unknown order")
                            .add("status", 404).add("detail", "There is no order " + id + ".").build().toString())
                    .build();
        }
        RunStatus status = run.status();
        Fulfilment fulfilment = status == RunStatus.COMPLETED ? run.returnValue(Duration.ZERO) : null;
        return Response.ok(new OrderStatus(id, status.wireName(), fulfilment)).build();
    }
}
