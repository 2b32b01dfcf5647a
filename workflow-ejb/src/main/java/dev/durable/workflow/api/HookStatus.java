package dev.durable.workflow.api;

import java.util.Locale;

/** The status of a hook, as its run's event log records it. */
public enum HookStatus {
    /** Waiting for payloads; its token resumes it. */
    ACTIVE,
    /** Disposed by the workflow or by the end of its run; its token is free. */
    DISPOSED,
    /** Never active: another run's active hook held its token ({@code hook_conflict}). */
    CONFLICT;

    /** The lower-case name used in the REST API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
