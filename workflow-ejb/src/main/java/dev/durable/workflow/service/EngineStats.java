package dev.durable.workflow.service;

import java.util.concurrent.atomic.LongAdder;

/** Counters of this server's deliveries since it started, for monitoring and tests. */
public final class EngineStats {
    /** Messages taken off the run queue. */
    public static final LongAdder DELIVERIES = new LongAdder();
    /** Messages for runs that another delivery was executing (re-enqueued for later). */
    public static final LongAdder BUSY_DELIVERIES = new LongAdder();
    /** Deliveries that found no such run (each is tried again for a while; see RunExecutor). */
    public static final LongAdder MISSING_RUN_SIGHTINGS = new LongAdder();
    /** Messages for runs that do not exist, dropped after their retries. */
    public static final LongAdder MISSING_RUN_DELIVERIES = new LongAdder();
    /** Deliveries (of runs and of parallel steps) executing now. */
    public static final java.util.concurrent.atomic.AtomicInteger IN_FLIGHT = new java.util.concurrent.atomic.AtomicInteger();

    private static final int RECENT = 1000;
    private static final java.util.Map<String, Boolean> RECENT_MISSING = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > RECENT;
                }
            });

    private EngineStats() {
    }

    static void missing(String runId) {
        MISSING_RUN_SIGHTINGS.increment();
        RECENT_MISSING.put(runId, Boolean.TRUE);
    }

    /** Whether a delivery for this run id found no such run (among the last 1000 such ids). */
    public static boolean wasMissing(String runId) {
        return RECENT_MISSING.containsKey(runId);
    }
}
