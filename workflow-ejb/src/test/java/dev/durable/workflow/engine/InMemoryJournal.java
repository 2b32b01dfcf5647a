package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Journal} in memory. Like the real store it enforces the fence: a write is accepted only if
 * its expected event count equals the log's length, the run is not terminal and the fence has not been
 * lost; otherwise it writes nothing and returns {@code false}.
 */
final class InMemoryJournal implements Journal {
    private final String runId;
    private int eventCount;
    private int appendsBeforeFenceLoss = Integer.MAX_VALUE;
    private boolean fenceLost;

    private final List<Event> events = new ArrayList<>();
    private final List<Integer> acceptedAppendExpectedCounts = new ArrayList<>();
    private int refusedWrites;
    private final java.util.Set<String> takenTokens = new java.util.HashSet<>();
    private final java.util.Set<String> heldTokens = new java.util.HashSet<>();
    private final List<String> disposedAtEnd = new ArrayList<>();

    private boolean suspended;
    private Instant wakeAt;
    private boolean completed;
    private String outputJson;
    private ErrorCode failureCode;
    private String failureMessage;
    private Integer terminalExpectedCount;

    /** A journal holding the log of {@code run} as loaded (its event count and events). */
    InMemoryJournal(LoadedRun run) {
        this.runId = run.runId();
        this.eventCount = run.eventCount();
        this.events.addAll(run.events());
    }

    /** From now on every write is refused, as after a cancellation or a takeover. */
    void loseFence() {
        fenceLost = true;
    }

    /** Accepts {@code n} more appends, then refuses every write (the completion too). */
    void loseFenceAfterAppends(int n) {
        appendsBeforeFenceLoss = n;
        fenceLost = n <= 0;
    }

    @Override
    public int append(LoadedRun run, int expectedEventCount, List<Event> newEvents) {
        if (!fenceHolds(run, expectedEventCount)) {
            return FENCE_LOST;
        }
        if (--appendsBeforeFenceLoss == 0) {
            fenceLost = true;
        }
        acceptedAppendExpectedCounts.add(expectedEventCount);
        add(newEvents);
        return eventCount;
    }

    @Override
    public int appendIfUnchanged(LoadedRun run, int expectedEventCount, List<Event> newEvents) {
        if (!fenceLost && !isTerminal() && expectedEventCount != eventCount) {
            return LOG_GREW;
        }
        return append(run, expectedEventCount, newEvents);
    }

    @Override
    public HookCreation createHook(LoadedRun run, int expectedEventCount, NewHook hook) {
        boolean conflict = takenTokens.contains(hook.token());
        int count = append(run, expectedEventCount, List.of(conflict ? hook.conflict() : hook.created()));
        if (count != FENCE_LOST && !conflict) {
            heldTokens.add(hook.token());
        }
        return new HookCreation(count, conflict);
    }

    @Override
    public int disposeHooks(LoadedRun run, int expectedEventCount, List<String> hookIds, Instant at) {
        return append(run, expectedEventCount, hookIds.stream().map(id -> EventData.hookDisposed(id, at)).toList());
    }

    /** Tokens that other runs' active hooks hold: creating a hook with one of them is a conflict. */
    void takenByOthers(String token) {
        takenTokens.add(token);
    }

    /** Appends an event from outside the delivery (a hook's payload, a wake-up), as a resume would. */
    void appendExternal(Event e) {
        add(List.of(e));
    }

    /** Tokens hooks of this run took. */
    java.util.Set<String> heldTokens() {
        return heldTokens;
    }

    /** The hooks the run's completion or failure disposed. */
    List<String> disposedAtEnd() {
        return disposedAtEnd;
    }

    @Override
    public Suspended suspend(LoadedRun run, int expectedEventCount, List<Event> newEvents, Instant wakeAt, int awaiting) {
        if (!fenceLost && !isTerminal() && expectedEventCount != eventCount) {
            return Suspended.LOG_GREW;
        }
        if (!fenceHolds(run, expectedEventCount)) {
            return Suspended.FENCE_LOST;
        }
        add(newEvents);
        this.suspended = true;
        this.wakeAt = wakeAt;
        return Suspended.YES;
    }

    @Override
    public List<Event> eventsFrom(String runId, int fromSeq) {
        return events.stream().filter(e -> e.seq() >= fromSeq).toList();
    }

    @Override
    public boolean completeRun(LoadedRun run, int expectedEventCount, List<String> activeHooks, String outputJson) {
        if (!fenceHolds(run, expectedEventCount)) {
            return false;
        }
        disposedAtEnd.addAll(activeHooks);
        this.completed = true;
        this.outputJson = outputJson;
        this.terminalExpectedCount = expectedEventCount;
        eventCount++;
        return true;
    }

    @Override
    public boolean failRun(LoadedRun run, int expectedEventCount, List<String> activeHooks, ErrorCode code, String message) {
        if (!fenceHolds(run, expectedEventCount)) {
            return false;
        }
        disposedAtEnd.addAll(activeHooks);
        this.failureCode = code;
        this.failureMessage = message;
        this.terminalExpectedCount = expectedEventCount;
        eventCount++;
        return true;
    }

    /** Another writer appends (a parallel step ending): the delivery learns of it when it reads the log. */
    void appendByOthers(List<Event> newEvents) {
        add(newEvents);
    }

    private void add(List<Event> newEvents) {
        for (Event e : newEvents) {
            events.add(new Event(eventCount++, e.type(), e.correlationId(), e.createdAt(), e.data()));
        }
    }

    private boolean fenceHolds(LoadedRun run, int expectedEventCount) {
        boolean holds = !fenceLost && !isTerminal() && runId.equals(run.runId()) && expectedEventCount == eventCount;
        if (!holds) {
            refusedWrites++;
        }
        return holds;
    }

    /** The step and wait events of the log, in order: those loaded with the run and those written since. */
    List<Event> events() {
        return List.copyOf(events);
    }

    /** The steps the log's events describe, in order. */
    List<History.StepOp> steps() {
        return History.of(events).steps();
    }

    /** The {@code expectedEventCount} of each accepted {@link #append}, in order. */
    List<Integer> acceptedAppendExpectedCounts() {
        return List.copyOf(acceptedAppendExpectedCounts);
    }

    /** The log's length. */
    int eventCount() {
        return eventCount;
    }

    int refusedWrites() {
        return refusedWrites;
    }

    boolean isSuspended() {
        return suspended;
    }

    Instant wakeAt() {
        return wakeAt;
    }

    boolean isCompleted() {
        return completed;
    }

    boolean isFailed() {
        return failureCode != null;
    }

    boolean isTerminal() {
        return completed || failureCode != null;
    }

    String outputJson() {
        return outputJson;
    }

    ErrorCode failureCode() {
        return failureCode;
    }

    String failureMessage() {
        return failureMessage;
    }

    /** The {@code expectedEventCount} the accepted completion or failure was written with. */
    Integer terminalExpectedCount() {
        return terminalExpectedCount;
    }
}
