package dev.durable.workflow.engine;

import dev.durable.workflow.api.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs as a delivery loads them, and helpers to execute one delivery. */
final class TestRuns {
    static final Instant STARTED_AT = Instant.parse("2024-05-01T10:00:00Z");
    /** A new run's log holds {@code run_created} only. */
    static final int INITIAL_EVENT_COUNT = 1;
    /** A step that succeeds (or fails for good) at its first attempt appends created, started, completed/failed. */
    static final int EVENTS_PER_STEP = 3;
    static final Duration AMPLE_BUDGET = Duration.ofMinutes(5);
    static final int MAX_EVENTS = 10_000;

    private TestRuns() {
    }

    /** A run with an empty log, as its first delivery loads it. */
    static LoadedRun newRun(String runId, String inputJson) {
        return new LoadedRun(runId, "test", inputJson, STARTED_AT, "lease-1", INITIAL_EVENT_COUNT, List.of(), null, null);
    }

    /** The same run as a later delivery loads it, its log holding {@code savedEvents}. */
    static LoadedRun redelivery(LoadedRun first, List<Event> savedEvents) {
        return new LoadedRun(first.runId(), first.workflowName(), first.inputJson(), first.startedAt(), "lease-2",
                first.eventCount() + savedEvents.size(), List.copyOf(savedEvents), first.parentRunId(), first.traceParent());
    }

    /** The events of the first {@code n} operations of a log, as if the delivery had stopped after them. */
    static List<Event> firstOps(List<Event> events, int n) {
        Set<String> ids = History.of(events).ops().stream().limit(n).map(History.Op::id).collect(Collectors.toSet());
        return events.stream().filter(e -> ids.contains(e.correlationId())).toList();
    }

    /** The types of a list of events. */
    static List<EventType> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }

    /** A clock far from the run's start, one second per reading. */
    static TickingClock clock() {
        return new TickingClock(STARTED_AT.plus(Duration.ofHours(1)), Duration.ofSeconds(1));
    }

    /** Executes one delivery of {@code run} with an ample budget. */
    static Replayer.Outcome execute(LoadedRun run, InMemoryJournal journal, Object workflow) {
        return execute(run, journal, workflow, AMPLE_BUDGET);
    }

    static Replayer.Outcome execute(LoadedRun run, InMemoryJournal journal, Object workflow, Duration budget) {
        return execute(run, journal, workflow, clock(), budget);
    }

    static Replayer.Outcome execute(LoadedRun run, InMemoryJournal journal, Object workflow, Clock clock, Duration budget) {
        return Deliveries.execute(run, journal, workflow, clock, Deliveries.NO_CHILDREN, MAX_EVENTS, budget).outcome();
    }
}
