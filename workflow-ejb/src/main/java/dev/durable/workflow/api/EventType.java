package dev.durable.workflow.api;

import java.util.Locale;

/** The types of event in a run's log; every change of a run's state is one of these. */
public enum EventType {
    RUN_CREATED, RUN_STARTED, RUN_COMPLETED, RUN_FAILED, RUN_CANCELLED,
    STEP_CREATED, STEP_STARTED, STEP_COMPLETED, STEP_FAILED, STEP_RETRYING,
    HOOK_CREATED, HOOK_RECEIVED, HOOK_DISPOSED, HOOK_CONFLICT,
    WAIT_CREATED, WAIT_COMPLETED, ATTR_SET;

    /** The lower-case name stored in the log, e.g. {@code "step_completed"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this wire name. */
    public static EventType fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
