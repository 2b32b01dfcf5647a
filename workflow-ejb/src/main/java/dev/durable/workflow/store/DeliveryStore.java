package dev.durable.workflow.store;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.engine.Event;
import dev.durable.workflow.engine.EventData;
import dev.durable.workflow.engine.Journal;
import dev.durable.workflow.engine.LoadedRun;
import dev.durable.workflow.engine.NewHook;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * What a delivery writes on the locked path, each in a transaction of its own, fenced by the delivery's
 * lease: appends after what others appended meanwhile, suspensions, hooks created and disposed, and the
 * run's end (parallel steps' attempts are {@link ParallelStepJournal}'s). (A delivery's claim, its steps and its end usually take the
 * JDBC fast path of {@link DeliveryJournal}; this class decides, under the run's row lock, what that
 * path cannot.)
 */
@Stateless
@LocalBean
public class DeliveryStore {
    private static final String RUNNING = Schema.RUNNING;

    @PersistenceContext(unitName = "workflow")
    EntityManager em;

    private EventLog events() {
        return new EventLog(em);
    }

    private HookDao hooks() {
        return new HookDao(em);
    }

    /**
     * Appends events after whatever others appended meanwhile (parallel steps ending, a wake-up), under
     * the run's row lock, if the run is still this delivery's: the path {@link DeliveryJournal#append}
     * takes when its fenced write finds the log longer than it knew.
     *
     * @return the log's new length, or {@link Journal#FENCE_LOST}
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int append(LoadedRun run, List<Event> events) {
        RunEntity row = ownedLocked(run);
        if (row == null) {
            return Journal.FENCE_LOST;
        }
        int first = row.appendStepEvents(events.size());
        events().append(run.runId(), first, events);
        return first + events.size();
    }

    /** Whether the delivery still owns the run (holds its lease, and the run is running). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean owns(LoadedRun run) {
        return ownedLocked(run) != null;
    }

    /**
     * Takes a hook's token for the run and appends {@code hook_created}, or appends {@code hook_conflict}
     * when another active hook holds it. Two runs taking one token at once: one insert fails, that
     * delivery fails and its message comes back, and its next attempt sees the conflict.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Journal.HookCreation createHook(LoadedRun run, NewHook hook) {
        RunEntity row = ownedLocked(run);
        if (row == null) {
            return new Journal.HookCreation(Journal.FENCE_LOST, false);
        }
        boolean conflict = hooks().taken(hook.token());
        if (!conflict) {
            hooks().insert(run.runId(), hook);
        }
        int seq = row.appendStepEvents(1);
        events().append(run.runId(), seq, List.of(conflict ? hook.conflict() : hook.created()));
        return new Journal.HookCreation(seq + 1, conflict);
    }

    /** Frees the hooks' tokens and appends their {@code hook_disposed}, if the delivery still owns the run. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int disposeHooks(LoadedRun run, List<String> hookIds, Instant at) {
        RunEntity row = ownedLocked(run);
        if (row == null) {
            return Journal.FENCE_LOST;
        }
        hooks().delete(run.runId(), hookIds);
        int first = row.appendStepEvents(hookIds.size());
        events().append(run.runId(), first, hookIds.stream().map(id -> EventData.hookDisposed(id, at)).toList());
        return first + hookIds.size();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Journal.Suspended suspend(LoadedRun run, int knownEventCount, List<Event> events, Instant wakeAt, int awaiting) {
        // a null parameter would be bound as text, which PostgreSQL refuses for a timestamp column
        var query = em.createQuery("UPDATE RunEntity r SET r.eventCount = :count, "
                        + (wakeAt == null ? "r.wakeAt = NULL" : "r.wakeAt = :wake") + ", r.awaiting = :awaiting, "
                        + "r.updatedAt = :now, r.leaseOwner = NULL, r.leaseToken = NULL, r.leaseUntil = NULL "
                        + "WHERE r.runId = :id AND r.leaseToken = :token AND r.eventCount = :expected AND r.status = :running");
        if (wakeAt != null) {
            query.setParameter("wake", wakeAt);
        }
        int updated = query.setParameter("count", knownEventCount + events.size())
                .setParameter("awaiting", awaiting).setParameter("now", EngineClock.now())
                .setParameter("id", run.runId()).setParameter("token", run.leaseToken())
                .setParameter("expected", knownEventCount).setParameter("running", RUNNING).executeUpdate();
        if (updated == 1) {
            events().append(run.runId(), knownEventCount, events);
            return Journal.Suspended.YES;
        }
        return ownedLocked(run) == null ? Journal.Suspended.FENCE_LOST : Journal.Suspended.LOG_GREW;
    }

    /** The run's row, locked, if this delivery still owns it and it is running; else {@code null}. */
    private RunEntity ownedLocked(LoadedRun run) {
        RunEntity row = em.find(RunEntity.class, run.runId(), LockModeType.PESSIMISTIC_WRITE);
        return row != null && RUNNING.equals(row.status) && run.leaseToken().equals(row.leaseToken) ? row : null;
    }

    /**
     * Appends {@code run_completed} after whatever others appended meanwhile, under the run's row lock, if
     * the run is still this delivery's: the path {@link DeliveryJournal#completeRun} takes when its fenced
     * write finds the log longer than it knew.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean completeRun(LoadedRun run, List<String> activeHooks, String outputJson) {
        return finishLocked(run, activeHooks, RunStatus.COMPLETED, outputJson, null, null);
    }

    /** Appends {@code run_failed} the same way (see {@link #completeRun}). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean failRun(LoadedRun run, List<String> activeHooks, ErrorCode code, String message) {
        return finishLocked(run, activeHooks, RunStatus.FAILED, null, code, RunEnds.truncate(message));
    }

    private boolean finishLocked(LoadedRun run, List<String> activeHooks, RunStatus status, String outputJson,
                                 ErrorCode code, String message) {
        RunEntity owned = ownedLocked(run);
        if (owned == null) {
            return false;
        }
        Instant now = EngineClock.now();
        RunEnds.disposeAll(em, owned, activeHooks, now);
        int seq = owned.end(status.wireName(), outputJson, code == null ? null : code.name(), message, now);
        em.persist(new EventEntity(run.runId(), seq, RunEnds.endEventType(status), null, now, RunEnds.endEventData(code, message)));
        return true;
    }

    /** Gives up a delivery's lease without changing the run, so the next delivery can take it at once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void releaseLease(String runId, String token) {
        em.createQuery("UPDATE RunEntity r SET r.leaseOwner = NULL, r.leaseToken = NULL, r.leaseUntil = NULL "
                        + "WHERE r.runId = :id AND r.leaseToken = :token")
                .setParameter("id", runId).setParameter("token", token).executeUpdate();
    }
}
