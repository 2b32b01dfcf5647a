package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;

/**
 * Where a delivery writes a run's progress. Each call is one transaction that appends events only if
 * the delivery still holds the run's lease, the run is still running and the log has the expected
 * length; otherwise it writes nothing and returns {@code false} (the fence is lost).
 */
public interface Journal {

    /** Appends a finished step's events ({@code step_created}, {@code step_started}, then completed or failed). */
    boolean appendStep(LoadedRun run, int expectedEventCount, StepRecord step);

    /** Appends {@code run_completed} with the workflow's result and releases the lease. */
    boolean completeRun(LoadedRun run, int expectedEventCount, String outputJson);

    /** Appends {@code run_failed} and releases the lease. */
    boolean failRun(LoadedRun run, int expectedEventCount, ErrorCode code, String message);

    /** Number of events {@link #appendStep} appends for one step. */
    int EVENTS_PER_STEP = 3;
}
