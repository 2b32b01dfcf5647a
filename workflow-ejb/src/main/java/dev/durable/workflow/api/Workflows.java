package dev.durable.workflow.api;

import dev.durable.workflow.engine.RunContext;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic helpers for code running inside a workflow method. A workflow is replayed from its log,
 * so it must not read the clock or a random source itself: these give the same answers on every replay.
 * The clock is frozen at the run's start and advances to the time each step completed; random values
 * are seeded by the run id.
 */
public final class Workflows {

    private Workflows() {
    }

    /** Whether the calling thread is executing a workflow method. */
    public static boolean inWorkflow() {
        return RunContext.currentOrNull() != null;
    }

    /** The id of the run being executed. */
    public static String runId() {
        return RunContext.current().runId();
    }

    /** The workflow's deterministic clock. */
    public static Instant now() {
        return RunContext.current().now();
    }

    /** A deterministic random number in [0, 1). */
    public static double random() {
        return RunContext.current().random().nextDouble();
    }

    /** A deterministic random long. */
    public static long randomLong() {
        return RunContext.current().random().nextLong();
    }

    /** A deterministic random (version 4) UUID. */
    public static UUID randomUUID() {
        var random = RunContext.current().random();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
