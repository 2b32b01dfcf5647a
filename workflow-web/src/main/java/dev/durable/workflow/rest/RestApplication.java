package dev.durable.workflow.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API, at {@code /workflow/api} (the WAR's context root is {@code /workflow}). No classes are
 * listed: the resources and providers of this package are found by scanning. Its OpenAPI document is at
 * {@code /openapi}, the shapes of its bodies
 * in {@code META-INF/openapi.yaml}.
 */
@ApplicationPath("/api")
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A user of the server's registry: workflow-viewer reads, workflow-operator also changes "
                + "runs, workflow-admin also runs bulk jobs. Hooks and webhooks need only their token.")
@OpenAPIDefinition(
        security = @SecurityRequirement(name = "basic"),
        info = @Info(title = "Durable workflows", version = "0.1.0",
                description = "Start runs of durable workflows, inspect their steps, events, hooks and streams, "
                        + "and cancel, wake up, re-run or resume them."),
        tags = {
            @Tag(name = "runs", description = "Runs, their steps and events, and the actions on them"),
            @Tag(name = "streams", description = "A run's streams, read as pages, NDJSON or server-sent events"),
            @Tag(name = "hooks", description = "Payloads for runs waiting on a hook, by its token"),
            @Tag(name = "webhooks", description = "HTTP requests for runs waiting on a webhook"),
            @Tag(name = "workflows", description = "The registered workflows"),
        })
public class RestApplication extends Application {
}
