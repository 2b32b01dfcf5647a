package dev.durable.workflow.rest;

import dev.durable.workflow.api.EngineStatus;
import dev.durable.workflow.api.WorkflowService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}): the check {@code workflow-engine} is up once the engine takes runs,
 * down with the reason before. It lives in this WAR rather than the engine's EJB module, since Liberty
 * asks every web module of the application for its checks and each one sees the EJB module's beans.
 */
@Readiness
@ApplicationScoped
public class EngineReadiness implements HealthCheck {
    @Inject
    WorkflowService workflows;

    @Override
    public HealthCheckResponse call() {
        EngineStatus status = workflows.status();
        return HealthCheckResponse.named("workflow-engine").status(status.ready())
                .withData("detail", status.detail()).build();
    }
}
