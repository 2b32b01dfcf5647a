package dev.durable.workflow.engine;

/** Tells a running step whether its run has been cancelled meanwhile (cancellation is cooperative). */
public interface CancelSignals {

    /** Whether the run has been cancelled. May read the database: call it now and then, not in a tight loop. */
    boolean cancelRequested(String runId);
}
