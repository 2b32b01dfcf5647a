package dev.durable.workflow.samples;

import dev.durable.workflow.api.Hook;
import dev.durable.workflow.api.HookOptions;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Waits up to 7 days for a decision on an order, sent to the hook with token {@code approval:<orderId>}
 * ({@code POST /hooks/approval:<orderId>} with {@code {"approved": true, "by": "ada"}}); records it in a
 * step and returns it, or {@code "timed out"}.
 */
@Workflow("approval")
public class ApprovalWorkflow {
    @Inject
    ApprovalSteps steps;

    public String run(String orderId) {
        Hook<Approval> hook = Workflows.createHook(Approval.class,
                HookOptions.builder().token("approval:" + orderId).metadata(Map.of("orderId", orderId)).build());
        Optional<Approval> decision = hook.await(Duration.ofDays(7));
        if (decision.isEmpty()) {
            return "timed out";
        }
        return steps.record(orderId, decision.get().isApproved(), decision.get().getBy());
    }
}
