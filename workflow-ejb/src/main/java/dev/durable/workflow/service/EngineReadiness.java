package dev.durable.workflow.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}): the engine is ready once its run queue has been consumed since the
 * start, which its probe message shows within moments. It is down before that, and with the fix in
 * its data when {@link ListenerCheck} has found that nothing consumes the queue.
 */
@Readiness
@ApplicationScoped
public class EngineReadiness implements HealthCheck {
    static final String NAME = "workflow-engine";

    @Override
    public HealthCheckResponse call() {
        if (ListenerCheck.isConsumed()) {
            return HealthCheckResponse.named(NAME).up().build();
        }
        return HealthCheckResponse.named(NAME).down()
                .withData("reason", ListenerCheck.isFailing() ? ListenerCheck.FIX
                        : "waiting for the first message of the run queue to be consumed")
                .build();
    }
}
