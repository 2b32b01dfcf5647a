package dev.durable.workflow.rest;

import dev.durable.workflow.api.WebhookReceipt;
import dev.durable.workflow.api.WebhookRequest;
import dev.durable.workflow.api.WebhookResponse;
import dev.durable.workflow.api.WorkflowService;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhooks: any GET, POST, PUT, PATCH or DELETE on {@code /webhooks/{token}} resumes the run whose
 * webhook holds the token, with the request (method, path, query, headers, body). The answer is the
 * webhook's: {@code 202} with an empty body, a fixed response, or, for a manual webhook, the one a step
 * gives, waited for without holding a thread (the request is suspended and the answer looked for every
 * 50 ms, so it may come from a step on any server); none within {@code workflow/webhookResponseSeconds}
 * gives a {@code 504} problem. An unknown token is a {@code 404} problem.
 */
@Tag(name = "webhooks")
@APIResponse(responseCode = "202", description = "The request is recorded")
@APIResponse(responseCode = "200", description = "The response the webhook or its step gives (any status)")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "413", ref = "TooLarge")
@APIResponse(responseCode = "504", ref = "GatewayTimeout")
@APIResponse(responseCode = "default", ref = "Problem")
@Path("/webhooks/{token}")
@RequestScoped
public class WebhooksResource {
    private static final String CALL = "Resumes the run waiting on the webhook with the request; the answer "
            + "is 202, the webhook's fixed response, or for a manual webhook the one a step gives.";
    private static final long POLL_MILLIS = 50;
    /** Headers the container sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection");

    @EJB
    WorkflowService workflows;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @Operation(summary = "Call a webhook with GET", description = CALL)
    @GET
    public void get(@PathParam("token") String token, @Suspended AsyncResponse answer) {
        receive("GET", token, null, answer);
    }

    @Operation(summary = "Call a webhook with POST", description = CALL)
    @POST
    public void post(@PathParam("token") String token, InputStream body, @Suspended AsyncResponse answer) {
        receive("POST", token, body, answer);
    }

    @Operation(summary = "Call a webhook with PUT", description = CALL)
    @PUT
    public void put(@PathParam("token") String token, InputStream body, @Suspended AsyncResponse answer) {
        receive("PUT", token, body, answer);
    }

    @Operation(summary = "Call a webhook with PATCH", description = CALL)
    @PATCH
    public void patch(@PathParam("token") String token, InputStream body, @Suspended AsyncResponse answer) {
        receive("PATCH", token, body, answer);
    }

    @Operation(summary = "Call a webhook with DELETE", description = CALL)
    @DELETE
    public void delete(@PathParam("token") String token, InputStream body, @Suspended AsyncResponse answer) {
        receive("DELETE", token, body, answer);
    }

    private void receive(String method, String token, InputStream body, AsyncResponse answer) {
        try {
            WebhookRequest request = new WebhookRequest(null, method, uriInfo.getRequestUri().getRawPath(),
                    uriInfo.getRequestUri().getRawQuery(), headerMap(), body == null ? ""
                    : new String(body.readAllBytes(), StandardCharsets.UTF_8));
            WebhookReceipt receipt = workflows.receiveWebhook(token, request);
            if (receipt.response() != null) {
                answer.resume(toResponse(receipt.response()));
            } else {
                awaitAnswer(workflows, scheduler, receipt, answer, uriInfo.getRequestUri().getRawPath());
            }
        } catch (IOException | RuntimeException e) {
            answer.resume(e); // to the problem mappers: 404 unknown hook, 413 too large...
        }
    }

    /** Looks for the step's answer every {@value #POLL_MILLIS} ms until it comes or the time is up. */
    private static void awaitAnswer(WorkflowService workflows, ManagedScheduledExecutorService scheduler,
                                    WebhookReceipt receipt, AsyncResponse answer, String path) {
        scheduler.schedule(() -> {
            if (answer.isDone()) {
                return; // the client went away
            }
            try {
                Optional<WebhookResponse> given = workflows.takeWebhookResponse(receipt.requestId());
                if (given.isPresent()) {
                    answer.resume(toResponse(given.get()));
                } else if (Instant.now().isAfter(receipt.answerBy())) {
                    answer.resume(Problem.of(504, "webhook-timeout", "Gateway timeout",
                            "The workflow did not answer request " + receipt.requestId() + " in time").toResponse(path));
                } else {
                    awaitAnswer(workflows, scheduler, receipt, answer, path);
                }
            } catch (RuntimeException e) {
                answer.resume(e);
            }
        }, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The request's headers, names in lower case, several values joined by ", ". */
    private Map<String, String> headerMap() {
        Map<String, String> map = new TreeMap<>();
        headers.getRequestHeaders().forEach((name, values) ->
                map.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return map;
    }

    private static Response toResponse(WebhookResponse r) {
        Response.ResponseBuilder response = Response.status(r.status());
        boolean typed = false;
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name)) {
                response.header(h.getKey(), h.getValue());
                typed |= name.equals("content-type");
            }
        }
        if (!r.body().isEmpty()) {
            if (!typed) {
                response.type("text/plain; charset=UTF-8");
            }
            response.entity(r.body().getBytes(StandardCharsets.UTF_8));
        }
        return response.build();
    }
}
