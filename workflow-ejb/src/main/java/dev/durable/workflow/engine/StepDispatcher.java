package dev.durable.workflow.engine;

import java.util.List;

/**
 * Has parallel steps executed concurrently: on this server while it can, each attempt begun and
 * recorded under the run's row lock so that two servers never both run one attempt.
 */
public interface StepDispatcher {
    /** {@link #mark} when none of the run's steps executes here. */
    long NONE = -1;

    /** Has the run's steps (already in its log as {@code step_created}) executed, without waiting for them. */
    void dispatch(String runId, List<String> stepIds);

    /**
     * A mark of how far the attempts of the run's steps executing here have got, taken before reading the
     * run's log, for {@link #awaitStepEnd}; {@link #NONE} if none of them executes here.
     */
    default long mark(String runId) {
        return NONE;
    }

    /**
     * Waits up to {@code maxNanos} for an attempt of the run's steps executing here to end after
     * {@code mark} was taken (at once if one has). Returns {@code false} at once for {@link #NONE}.
     *
     * @return whether an attempt ended (then the run's log has grown)
     */
    default boolean awaitStepEnd(String runId, long mark, long maxNanos) {
        return false;
    }

    /**
     * Like {@link #awaitStepEnd}, for a delivery that needs all the steps: waits up to {@code maxNanos}
     * until none of the run's steps executes here any more, or one has failed for good, after {@code mark}
     * (one wake-up for many ends, not one each).
     *
     * @return whether an attempt ended after the mark (then the run's log has grown)
     */
    default boolean awaitSettled(String runId, long mark, long maxNanos) {
        return awaitStepEnd(runId, mark, maxNanos);
    }
}
