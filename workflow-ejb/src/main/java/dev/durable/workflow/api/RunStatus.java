package dev.durable.workflow.api;

import java.util.Locale;

/** The status of a run. {@code COMPLETED}, {@code FAILED} and {@code CANCELLED} are terminal and final. */
public enum RunStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    /** Whether a run in this status will never change again. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The lower-case name used in the event log and the REST API, e.g. {@code "completed"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this wire name (case-insensitive), or {@code null} if there is none. */
    public static RunStatus fromWireName(String name) {
        for (RunStatus s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }
}
