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

    private EngineStats() {
    }
}
