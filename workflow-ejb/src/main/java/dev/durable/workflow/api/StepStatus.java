package dev.durable.workflow.api;

import java.util.Locale;

/** The status of a step, as recorded in the run's event log. */
public enum StepStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    /** The lower-case name used in the REST API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
