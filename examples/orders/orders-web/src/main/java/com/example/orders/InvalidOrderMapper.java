package com.example.orders;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An order that breaks its constraints gets 400 as problem+json (RFC 9457), one entry per broken rule. */
@Provider
public class InvalidOrderMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        JsonArrayBuilder violations = Json.createArrayBuilder();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            String path = v.getPropertyPath().toString();
            // "place.arg0.lines" -> "lines": the caller knows the order's fields, not the method's
            String field = path.replaceFirst("^[^.]+\\.arg\\d+\\.?", "");
            violations.add(Json.createObjectBuilder().add("field", field.isEmpty() ? "order" : field)
                    .add("message", v.getMessage()));
        }
        return Response.status(Response.Status.BAD_REQUEST).type("application/problem+json")
                .entity(Json.createObjectBuilder()
                        .add("type", "about:blank").add("title", "Invalid order").add("status", 400)
                        .add("detail", "The order breaks " + e.getConstraintViolations().size() + " rule(s); see violations.")
                        .add("violations", violations).build().toString())
                .build();
    }
}
