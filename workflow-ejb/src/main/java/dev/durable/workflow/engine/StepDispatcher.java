package dev.durable.workflow.engine;

import java.util.List;

/** Enqueues parallel steps, each as its own message, so they execute concurrently. */
public interface StepDispatcher {

    /** Enqueues the steps of the run (already in its log as {@code step_created}). */
    void dispatch(String runId, List<String> stepIds);
}
