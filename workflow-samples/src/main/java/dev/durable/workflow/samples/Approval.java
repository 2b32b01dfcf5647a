package dev.durable.workflow.samples;

import jakarta.validation.constraints.NotBlank;

/** A decision on an order, sent to the {@code approval} workflow's hook: {@code {"approved": true, "by": "ada"}}. */
public class Approval {
    private boolean approved;
    @NotBlank
    private String by;

    public Approval() {
    }

    public Approval(boolean approved, String by) {
        this.approved = approved;
        this.by = by;
    }

    public boolean isApproved() {
        return approved;
    }

    public void setApproved(boolean approved) {
        this.approved = approved;
    }

    /** Who decided; required. */
    public String getBy() {
        return by;
    }

    public void setBy(String by) {
        this.by = by;
    }
}
