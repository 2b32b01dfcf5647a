package dev.durable.workflow.service;

import dev.durable.workflow.api.EngineHealth.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the engine's housekeeping ({@link EngineLifecycle}) has done in this life of the server: the leases
 * it freed at the start, its recovery rounds and the runs they re-enqueued, the last time its timer fired
 * and the last failure. Health reports it: readiness waits for the first round after a start (a restart
 * is recovered once it has run), liveness for the timer to keep firing.
 */
final class Housekeeping {
    private static volatile Instant startedAt;
    private static volatile int freedLeases;
    private static volatile Instant firstRoundAt;
    private static volatile int rungInFirstRound;
    private static volatile Instant lastRoundAt;
    private static volatile Instant lastTickAt;
    private static volatile String lastFailure;
    private static volatile long[] backlog = {0, 0};
    private static final AtomicLong ROUNDS = new AtomicLong();
    private static final AtomicLong RUNG = new AtomicLong();

    private Housekeeping() {
    }

    static void started(Instant at, int freed) {
        startedAt = at;
        freedLeases = freed;
        firstRoundAt = null;
        lastRoundAt = null;
        lastTickAt = at;
        lastFailure = null;
        ROUNDS.set(0);
        RUNG.set(0);
    }

    /** The timer fired: housekeeping is alive, whatever the round then finds. */
    static void ticked(Instant at) {
        lastTickAt = at;
    }

    /** A recovery round completed, re-enqueueing {@code rung} runs. */
    static void recovered(Instant at, int rung) {
        if (firstRoundAt == null) {
            firstRoundAt = at;
            rungInFirstRound = rung;
        }
        lastRoundAt = at;
        lastFailure = null;
        ROUNDS.incrementAndGet();
        RUNG.addAndGet(rung);
    }

    /** The backlog the last round counted: {pending, due} ({@code RunStore.countBacklog}). */
    static void backlog(long[] counts) {
        backlog = counts.clone();
    }

    static long[] backlog() {
        return backlog;
    }

    /** A recovery round failed (the database is down, say); the next one tries again. */
    static void failed(RuntimeException e) {
        lastFailure = HealthChecks.describe(e);
    }

    /** Up once a round has completed since the start. */
    static Check recovery() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("freedLeases", (long) freedLeases);
        data.put("rounds", ROUNDS.get());
        data.put("rungSinceStart", RUNG.get());
        if (firstRoundAt != null) {
            data.put("rungInFirstRound", (long) rungInFirstRound);
            data.put("lastRoundAt", lastRoundAt.toString());
        }
        if (lastFailure != null) {
            data.put("lastFailure", lastFailure);
        }
        if (firstRoundAt == null) {
            return new Check(false, "Recovering: the first round since the start (at " + startedAt
                    + ") has not completed" + (lastFailure == null ? "" : "; it failed: " + lastFailure), data);
        }
        return new Check(true, "Recovered since the start: " + freedLeases + " lease(s) of an earlier life freed, "
                + rungInFirstRound + " run(s) re-enqueued by the first round", data);
    }

    /** Up while the timer has fired within {@code allowed} (or the engine started that recently). */
    static Check liveness(Instant now, Duration allowed) {
        Instant tick = lastTickAt;
        if (tick == null) {
            return new Check(false, "The engine has not started on this server");
        }
        Map<String, Object> data = Map.of("lastTickAt", tick.toString());
        if (now.isAfter(tick.plus(allowed))) {
            return new Check(false, "The engine's housekeeping timer has not fired since " + tick
                    + " (more than " + allowed.toSeconds() + " s): its timers are stuck; restart the server", data);
        }
        return new Check(true, "The engine's housekeeping timer fires", data);
    }
}
