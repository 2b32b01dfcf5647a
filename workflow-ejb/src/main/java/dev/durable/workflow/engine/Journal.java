package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;
import java.time.Instant;
import java.util.List;

/**
 * Where a delivery writes a run's progress. Each call is one transaction that writes only if the
 * delivery still holds the run's lease and the run is still running; otherwise it writes nothing and
 * reports the fence lost. Events that others appended meanwhile (parallel steps ending, a wake-up) do
 * not stop a delivery: its events go after them.
 */
public interface Journal {

    /** Returned by the appends when the fence is lost. */
    int FENCE_LOST = -1;
    /** Returned by {@link #appendIfUnchanged} when others appended meanwhile. */
    int LOG_GREW = -2;

    /**
     * Appends events (a step's outcome, a completed wait).
     *
     * @param knownEventCount the length of the log as the delivery knows it
     * @return the log's new length, or {@link #FENCE_LOST}
     */
    int append(LoadedRun run, int knownEventCount, List<Event> events);

    /**
     * Appends events only if the log has exactly {@code knownEventCount} events.
     *
     * @return the log's new length, {@link #LOG_GREW} or {@link #FENCE_LOST}
     */
    int appendIfUnchanged(LoadedRun run, int knownEventCount, List<Event> events);

    /**
     * Takes the hook's token for the run and appends {@code hook_created}; or, when another active hook
     * holds the token, appends {@code hook_conflict} instead.
     */
    HookCreation createHook(LoadedRun run, int knownEventCount, NewHook hook);

    /**
     * @param eventCount the log's new length, or {@link #FENCE_LOST}
     * @param conflict whether the token was taken
     */
    record HookCreation(int eventCount, boolean conflict) {
    }

    /**
     * Frees the hooks' tokens and appends their {@code hook_disposed}.
     *
     * @return the log's new length, or {@link #FENCE_LOST}
     */
    int disposeHooks(LoadedRun run, int knownEventCount, List<String> hookIds, Instant at);

    /** How a {@link #suspend} went. */
    enum Suspended {
        /** The run is suspended and its lease released. */
        YES,
        /** Nothing written: others appended to the log since {@code knownEventCount}; look at it again. */
        LOG_GREW,
        /** Nothing written: the delivery no longer owns the run. */
        FENCE_LOST
    }

    /**
     * Appends events and suspends the run, if the log has exactly {@code knownEventCount} events: releases
     * the lease and records when it wants to resume ({@code wakeAt}; {@code null} when something else
     * will resume it) and how many parallel steps must end before it is resumed ({@code awaiting}).
     */
    Suspended suspend(LoadedRun run, int knownEventCount, List<Event> events, Instant wakeAt, int awaiting);

    /** The run's events from position {@code fromSeq} on (what others appended during the delivery). */
    List<Event> eventsFrom(String runId, int fromSeq);

    /**
     * Appends {@code run_completed} with the workflow's result and releases the lease; the run's active
     * hooks are disposed first.
     */
    boolean completeRun(LoadedRun run, int knownEventCount, List<String> activeHooks, String outputJson);

    /** Appends {@code run_failed} and releases the lease, disposing the run's active hooks first. */
    boolean failRun(LoadedRun run, int knownEventCount, List<String> activeHooks, ErrorCode code, String message);
}
