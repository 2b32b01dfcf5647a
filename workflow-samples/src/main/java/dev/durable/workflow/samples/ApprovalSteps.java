package dev.durable.workflow.samples;

import dev.durable.workflow.api.Step;
import jakarta.enterprise.context.ApplicationScoped;

/** The step of the {@code approval} sample. */
@ApplicationScoped
public class ApprovalSteps {

    /** Records the decision (here: describes it). */
    @Step
    public String record(String orderId, boolean approved, String by) {
        return (approved ? "approved" : "rejected") + " by " + by;
    }
}
