package dev.durable.workflow.rest;

import dev.durable.workflow.api.EngineHealth;
import dev.durable.workflow.api.EngineHealth.Check;
import dev.durable.workflow.api.WorkflowService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The engine's MicroProfile Health checks. Readiness ({@code /health/ready}): {@code workflow-engine} (it
 * takes runs: its queue has been consumed since the start), {@code workflow-database} and
 * {@code workflow-messaging} (each answers now), {@code workflow-recovery} (the first recovery round
 * since the start has completed; its figures). Liveness ({@code /health/live}):
 * {@code workflow-housekeeping} (the engine's timer still fires). They live in this WAR rather than the
 * engine's EJB module, since Liberty asks every web module of the application for its checks and each
 * one sees the EJB module's beans. The checks of one health request share one probe: it is reused for
 * {@value #REUSE_MILLIS} ms.
 */
@ApplicationScoped
public class EngineHealthChecks {
    static final long REUSE_MILLIS = 1000;

    @Inject
    WorkflowService workflows;

    private record Probe(long at, EngineHealth health) {
    }

    private volatile Probe last;

    @Produces
    @Readiness
    HealthCheck engine() {
        return () -> {
            var status = probe().engine();
            return HealthCheckResponse.named("workflow-engine").status(status.ready()).withData("detail", status.detail()).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return check("workflow-database", EngineHealth::database);
    }

    @Produces
    @Readiness
    HealthCheck messaging() {
        return check("workflow-messaging", EngineHealth::messaging);
    }

    @Produces
    @Readiness
    HealthCheck recovery() {
        return check("workflow-recovery", EngineHealth::recovery);
    }

    @Produces
    @Liveness
    HealthCheck housekeeping() {
        return check("workflow-housekeeping", EngineHealth::housekeeping);
    }

    private HealthCheck check(String name, Function<EngineHealth, Check> part) {
        return () -> {
            Check check = part.apply(probe());
            HealthCheckResponseBuilder response = HealthCheckResponse.named(name).status(check.up())
                    .withData("detail", check.detail());
            check.data().forEach((key, value) -> {
                if (value instanceof Long count) {
                    response.withData(key, count);
                } else {
                    response.withData(key, String.valueOf(value));
                }
            });
            return response.build();
        };
    }

    private EngineHealth probe() {
        long now = System.currentTimeMillis();
        Probe probe = last;
        if (probe == null || now - probe.at() > REUSE_MILLIS) {
            probe = new Probe(now, workflows.health());
            last = probe;
        }
        return probe.health();
    }
}
