package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;
import java.time.Instant;
import java.util.List;

/**
 * Where a delivery writes a run's progress. Each call is one transaction that writes only if the
 * delivery still holds the run's lease, the run is still running and the log has the expected length;
 * otherwise it writes nothing and returns {@code false} (the fence is lost).
 */
public interface Journal {

    /** Appends events (a step's outcome, a completed wait). */
    boolean append(LoadedRun run, int expectedEventCount, List<Event> events);

    /**
     * Appends events and suspends the run: releases the lease and records when it wants to resume
     * ({@code wakeAt}; {@code null} when something else will resume it, e.g. a child run ending).
     */
    boolean suspend(LoadedRun run, int expectedEventCount, List<Event> events, Instant wakeAt);

    /** Appends {@code run_completed} with the workflow's result and releases the lease. */
    boolean completeRun(LoadedRun run, int expectedEventCount, String outputJson);

    /** Appends {@code run_failed} and releases the lease. */
    boolean failRun(LoadedRun run, int expectedEventCount, ErrorCode code, String message);
}
