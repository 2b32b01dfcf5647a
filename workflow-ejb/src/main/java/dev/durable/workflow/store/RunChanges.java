package dev.durable.workflow.store;

import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.RunAlreadyTerminalException;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.EventData;
import dev.durable.workflow.engine.History;
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
 * Changes made to runs from outside their deliveries, in the caller's transaction: cancel (with the
 * run's hooks and attached children), wake-up, a hook's payload, the failure of a poisoned run. Each
 * takes the run's row lock first, as every writer of its log does.
 */
@Stateless
@LocalBean
public class RunChanges {
    @PersistenceContext(unitName = "workflow")
    EntityManager em;

    private EventLog events() {
        return new EventLog(em);
    }

    private HookDao hooks() {
        return new HookDao(em);
    }

    /**
     * Cancels a run ({@code run_cancelled}, with the reason if given): its hooks are disposed (their
     * tokens freed) and its live children cancelled too, except those started detached. A delivery
     * executing it loses its fence at its next write.
     *
     * @return the runs cancelled (this one first) and this run's parent, to be resumed
     * @throws UnknownRunException if there is no such run
     * @throws RunAlreadyTerminalException if it has already ended
     */
    public Cancelled cancel(String runId, String reason) {
        RunEntity run = lockLive(runId);
        List<CancelledRun> cancelled = new java.util.ArrayList<>();
        cancelTree(run, reason, EngineClock.now(), cancelled);
        return new Cancelled(cancelled, run.parentRunId);
    }

    /** What {@link #cancel} ended: the runs (this one first) and this run's parent. */
    public record Cancelled(List<CancelledRun> runs, String parentRunId) {
        /** The ids of the runs cancelled. */
        public List<String> runIds() {
            return runs.stream().map(CancelledRun::runId).toList();
        }
    }

    /** A run cancelled, with its workflow and when it had started (or been created, if it had not). */
    public record CancelledRun(String runId, String workflowName, Instant startedAt, Instant cancelledAt) {
    }

    private void cancelTree(RunEntity run, String reason, Instant now, List<CancelledRun> cancelled) {
        RunEnds.disposeAll(em, run, activeHookIds(run.runId), now);
        em.persist(new EventEntity(run.runId, run.markCancelled(now), EventType.RUN_CANCELLED.wireName(), null, now,
                EventData.runCancelled(reason)));
        cancelled.add(new CancelledRun(run.runId, run.workflowName, run.startedAt == null ? run.createdAt : run.startedAt, now));
        for (String childId : attachedChildren(run.runId)) {
            RunEntity child = em.find(RunEntity.class, childId, LockModeType.PESSIMISTIC_WRITE);
            if (child != null && !RunStatus.fromWireName(child.status).isTerminal()) {
                cancelTree(child, "Its parent run " + run.runId + " was cancelled", now, cancelled);
            }
        }
    }

    /** The children the run started, not detached: the results of its {@code start(...)} steps. */
    private List<String> attachedChildren(String runId) {
        return History.of(events().ofType(runId, "step")).steps().stream()
                .filter(s -> s.name().startsWith("start(") && s.status() == StepStatus.COMPLETED)
                .map(s -> (String) JsonCodec.fromJson(s.outputJson(), String.class)).toList();
    }

    /**
     * Ends the run's pending sleeps ({@code wait_completed}); a delivery executing it loses its fence.
     *
     * @return how many sleeps were ended
     * @throws UnknownRunException if there is no such run
     * @throws RunAlreadyTerminalException if it has already ended
     */
    public int wakeUp(String runId) {
        RunEntity run = lockLive(runId);
        List<History.WaitOp> pending = History.of(events().ofType(runId, "wait")).pendingWaits();
        if (pending.isEmpty()) {
            return 0;
        }
        Instant now = EngineClock.now();
        int seq = run.appendExternal(pending.size(), now);
        for (History.WaitOp w : pending) {
            em.persist(Events.toEntity(runId, seq++, EventData.waitCompleted(w.id(), now, true)));
        }
        return pending.size();
    }

    /**
     * Fails a run whatever delivery holds it: for a run whose deliveries keep failing outside user code.
     *
     * @return the run's parent, to be resumed, or {@code null}; also {@code null} if the run had ended
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String failUnfenced(String runId, ErrorCode code, String message) {
        RunEntity run = em.find(RunEntity.class, runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || RunStatus.fromWireName(run.status).isTerminal()) {
            return null;
        }
        Instant now = EngineClock.now();
        RunEnds.disposeAll(em, run, activeHookIds(runId), now);
        em.persist(new EventEntity(runId, run.markFailed(now, code.name(), message), RunEnds.endEventType(RunStatus.FAILED), null,
                now, RunEnds.endEventData(code, message)));
        return run.parentRunId;
    }

    /** The active hook holding {@code token}, or {@code null}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ActiveHook findHook(String token) {
        HookEntity h = hooks().find(token);
        if (h == null) {
            return null;
        }
        RunEntity run = em.find(RunEntity.class, h.runId);
        return new ActiveHook(h.hookId, h.token, h.runId, run == null ? null : run.workflowName, h.kind, h.payloadType,
                h.metadataJson, h.responseJson, h.createdAt);
    }

    /** How many payloads the hook has received. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public int received(String runId, String hookId) {
        return (int) events().of(runId, hookId).stream().filter(e -> e.type() == EventType.HOOK_RECEIVED).count();
    }

    /** An active hook as {@link #findHook} reads it. */
    public record ActiveHook(String hookId, String token, String runId, String workflowName, String kind,
                             String payloadType, String metadataJson, String responseJson, Instant createdAt) {
    }

    /**
     * Appends a payload to the log of the run whose active hook holds {@code token} ({@code hook_received})
     * and marks the run due, in the caller's transaction. Concurrent resumes of one run are ordered by the
     * run's row lock, so each payload gets its own place in the log.
     *
     * @return the hook's id and run, or {@code null} if no active hook holds the token (any more)
     */
    public ActiveHook resumeHook(String token, String payloadJson) {
        List<String> runIds = em.createQuery("SELECT h.runId FROM HookEntity h WHERE h.token = :t", String.class)
                .setParameter("t", token).getResultList();
        if (runIds.isEmpty()) {
            return null;
        }
        // the run's row lock first, as every writer of its log takes it; then the hook, which no one
        // can dispose meanwhile
        RunEntity run = em.find(RunEntity.class, runIds.get(0), LockModeType.PESSIMISTIC_WRITE);
        HookEntity hook = hooks().find(token);
        if (run == null || RunStatus.fromWireName(run.status).isTerminal() || hook == null || !hook.runId.equals(run.runId)) {
            return null;
        }
        Instant now = EngineClock.now();
        em.persist(Events.toEntity(run.runId, run.appendExternal(1, now), EventData.hookReceived(hook.hookId, now, payloadJson)));
        return new ActiveHook(hook.hookId, token, run.runId, run.workflowName, hook.kind, hook.payloadType,
                hook.metadataJson, hook.responseJson, hook.createdAt);
    }

    private RunEntity lockLive(String runId) {
        RunEntity run = em.find(RunEntity.class, runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            throw new UnknownRunException(runId);
        }
        RunStatus status = RunStatus.fromWireName(run.status);
        if (status.isTerminal()) {
            throw new RunAlreadyTerminalException(runId, status);
        }
        return run;
    }

    private List<String> activeHookIds(String runId) {
        return hooks().ofRun(runId).stream().map(h -> h.hookId).toList();
    }
}
