package dev.durable.workflow.store;

import dev.durable.workflow.engine.LoadedRun;
import java.time.Instant;

/**
 * The result of trying to take a run's lease for one delivery.
 *
 * @param run the run and its log, when {@code kind} is {@code CLAIMED}
 * @param busyUntil when the current holder's lease ends, when {@code kind} is {@code BUSY}
 * @param parentRunId the run's parent, if any (resumed again when a finished child is delivered)
 */
public record Claim(Kind kind, LoadedRun run, Instant busyUntil, String parentRunId) {

    /** What the claim found. */
    public enum Kind {
        /** This delivery owns the run now. */
        CLAIMED,
        /** Another delivery owns the run; try again after {@code busyUntil}. */
        BUSY,
        /** The run is terminal: nothing to do. */
        DONE,
        /** No such run: the message outlived it, or was sent by a transaction that rolled back. */
        MISSING
    }
}
