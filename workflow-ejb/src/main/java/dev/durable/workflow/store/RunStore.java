package dev.durable.workflow.store;

import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.RunAlreadyTerminalException;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.Event;
import dev.durable.workflow.engine.EventData;
import dev.durable.workflow.engine.History;
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
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Writes runs and their event logs with JPA. Every write of a delivery is fenced: it changes the run only
 * if the delivery's lease token still holds, the run is still running and the log has the length the
 * delivery expects. Each such write is its own transaction, so a step's result is durable before the
 * next step. (A delivery's lease, its steps and its end usually take the JDBC fast path of
 * {@link DeliveryJournal}; this class decides what that path cannot.)
 */
@Stateless
@LocalBean
public class RunStore {
    private static final String RUNNING = RunStatus.RUNNING.wireName();
    private static final int MAX_ERROR_MESSAGE = 8000;

    @PersistenceContext(unitName = "workflow")
    EntityManager em;

    private EventLog events() {
        return new EventLog(em);
    }

    private HookDao hooks() {
        return new HookDao(em);
    }

    /** Persists a new pending run and its {@code run_created} event in the caller's transaction. */
    public void createRun(String runId, String workflowName, String inputJson, String deploymentId,
                          String idempotencyKey, String parentRunId, Instant now) {
        RunEntity run = new RunEntity();
        run.runId = runId;
        run.workflowName = workflowName;
        run.status = RunStatus.PENDING.wireName();
        run.deploymentId = deploymentId;
        run.idempotencyKey = idempotencyKey;
        run.inputJson = inputJson;
        run.createdAt = now;
        run.updatedAt = now;
        run.eventCount = 1;
        run.parentRunId = parentRunId;
        em.persist(run);
        em.persist(new EventEntity(runId, 0, EventType.RUN_CREATED.wireName(), null, now,
                EventData.runCreated(workflowName, deploymentId)));
        if (idempotencyKey != null) {
            try {
                em.flush(); // surface a duplicate key here, not at commit
            } catch (PersistenceException e) {
                if (isUniqueViolation(e)) {
                    throw new IdempotencyKeyTakenException(idempotencyKey);
                }
                throw e;
            }
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The id of the run started with this idempotency key, or {@code null}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String findRunIdByIdempotencyKey(String key) {
        List<String> ids = em.createQuery("SELECT r.runId FROM RunEntity r WHERE r.idempotencyKey = :k", String.class)
                .setParameter("k", key).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** The run, or {@code null}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public RunInfo find(String runId) {
        RunEntity r = em.find(RunEntity.class, runId);
        return r == null ? null : info(r);
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

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Event> eventsFrom(String runId, int fromSeq) {
        return events().from(runId, fromSeq);
    }

    /** The run's row, locked, if this delivery still owns it and it is running; else {@code null}. */
    private RunEntity ownedLocked(LoadedRun run) {
        RunEntity row = em.find(RunEntity.class, run.runId(), LockModeType.PESSIMISTIC_WRITE);
        return row != null && RUNNING.equals(row.status) && run.leaseToken().equals(row.leaseToken) ? row : null;
    }

    /**
     * Begins an attempt of a parallel step, under the run's row lock so that duplicate messages cannot
     * both start it: appends {@code step_started} and returns the step, or says why not.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ParallelStep beginParallelStep(String runId, String stepId, Instant now) {
        RunEntity row = em.find(RunEntity.class, runId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || RunStatus.fromWireName(row.status).isTerminal()) {
            return ParallelStep.gone();
        }
        History.StepOp step = History.of(events().of(runId, stepId)).step(stepId);
        if (step == null || step.status() == StepStatus.COMPLETED || step.status() == StepStatus.FAILED) {
            return ParallelStep.gone();
        }
        if (step.retryAfter() != null && now.isBefore(step.retryAfter())) {
            return ParallelStep.later(step.retryAfter());
        }
        if (step.status() == StepStatus.RUNNING && now.isBefore(step.startedAt().plus(EngineConfig.LEASE))) {
            // another delivery is executing it: look again when it would be presumed dead
            return ParallelStep.later(step.startedAt().plus(EngineConfig.LEASE));
        }
        int attempt = step.attempts() + 1;
        em.persist(Events.toEntity(runId, row.appendStepEvents(1), EventData.stepStarted(stepId, now, attempt)));
        return ParallelStep.begin(row.workflowName, step.name(), step.inputJson(), attempt, now);
    }

    /**
     * Records the outcome of a parallel step's attempt. A final outcome counts towards what the run
     * awaits; returns whether the run should be resumed now.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean finishParallelStep(String runId, List<Event> events, boolean last, boolean failed) {
        RunEntity row = em.find(RunEntity.class, runId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || RunStatus.fromWireName(row.status).isTerminal()) {
            return false; // the run ended without waiting for this step (race, any, cancel)
        }
        events().append(runId, row.appendStepEvents(events.size()), events);
        return last && row.stepEnded(failed);
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
        return finishLocked(run, activeHooks, RunStatus.FAILED, null, code, truncate(message));
    }

    private boolean finishLocked(LoadedRun run, List<String> activeHooks, RunStatus status, String outputJson,
                                 ErrorCode code, String message) {
        RunEntity owned = ownedLocked(run);
        if (owned == null) {
            return false;
        }
        Instant now = EngineClock.now();
        disposeAll(owned, activeHooks, now);
        int seq = owned.end(status.wireName(), outputJson, code == null ? null : code.name(), message, now);
        em.persist(new EventEntity(run.runId(), seq, endEventType(status), null, now, endEventData(code, message)));
        return true;
    }

    /** The type of a run's final event. */
    static String endEventType(RunStatus status) {
        return (status == RunStatus.COMPLETED ? EventType.RUN_COMPLETED : EventType.RUN_FAILED).wireName();
    }

    /** The payload of a run's final event: the error, if it failed. */
    static String endEventData(ErrorCode code, String message) {
        return code == null ? null : EventData.runFailed(code.name(), message);
    }

    /** A run ends: its hooks' tokens are freed and their {@code hook_disposed} appended. */
    private void disposeAll(RunEntity run, List<String> hookIds, Instant now) {
        if (hookIds.isEmpty()) {
            return;
        }
        hooks().deleteAll(run.runId);
        events().append(run.runId, run.appendStepEvents(hookIds.size()),
                hookIds.stream().map(id -> EventData.hookDisposed(id, now)).toList());
    }

    private List<String> activeHookIds(String runId) {
        return hooks().ofRun(runId).stream().map(h -> h.hookId).toList();
    }

    /** Gives up a delivery's lease without changing the run, so the next delivery can take it at once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void releaseLease(String runId, String token) {
        em.createQuery("UPDATE RunEntity r SET r.leaseOwner = NULL, r.leaseToken = NULL, r.leaseUntil = NULL "
                        + "WHERE r.runId = :id AND r.leaseToken = :token")
                .setParameter("id", runId).setParameter("token", token).executeUpdate();
    }

    /**
     * Frees the leases an earlier life of this server held: at start-up none of its deliveries can be
     * alive, so their runs need not wait for the leases to expire.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int releaseLeasesOfEarlierLives(String serverPrefix, String currentOwner) {
        return em.createQuery("UPDATE RunEntity r SET r.leaseOwner = NULL, r.leaseToken = NULL, r.leaseUntil = NULL "
                        + "WHERE r.leaseOwner LIKE :prefix AND r.leaseOwner <> :me")
                .setParameter("prefix", serverPrefix + "%") // a '_' in the path matches any one character: harmless
                .setParameter("me", currentOwner).executeUpdate();
    }

    /**
     * Runs that should be executing but have shown no progress since {@code quietSince} and hold no
     * live lease: their message may have been lost, so the sweeper enqueues them again.
     */
    public List<String> touchStalledRuns(Instant now, Instant quietSince, int max) {
        List<RunEntity> runs = em.createQuery("SELECT r FROM RunEntity r WHERE r.status IN ('pending', 'running') "
                        + "AND r.updatedAt < :quiet AND (r.leaseToken IS NULL OR r.leaseUntil < :now) "
                        + "AND (r.wakeAt IS NULL OR r.wakeAt < :now) ORDER BY r.updatedAt",
                        RunEntity.class)
                .setParameter("quiet", quietSince).setParameter("now", now).setMaxResults(max).getResultList();
        runs.forEach(r -> r.touch(now));
        return runs.stream().map(r -> r.runId).toList();
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
        List<String> cancelled = new java.util.ArrayList<>();
        cancelTree(run, reason, EngineClock.now(), cancelled);
        return new Cancelled(cancelled, run.parentRunId);
    }

    /** What {@link #cancel} ended. */
    public record Cancelled(List<String> runIds, String parentRunId) {
    }

    private void cancelTree(RunEntity run, String reason, Instant now, List<String> cancelled) {
        disposeAll(run, activeHookIds(run.runId), now);
        em.persist(new EventEntity(run.runId, run.markCancelled(now), EventType.RUN_CANCELLED.wireName(), null, now,
                EventData.runCancelled(reason)));
        cancelled.add(run.runId);
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
        disposeAll(run, activeHookIds(runId), now);
        em.persist(new EventEntity(runId, run.markFailed(now, code.name(), message), endEventType(RunStatus.FAILED), null,
                now, endEventData(code, message)));
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

    /**
     * Saves a manual webhook's answer to a request, unless it has one already.
     *
     * @return whether this answer was saved
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean saveWebhookReply(String requestId, dev.durable.workflow.api.WebhookResponse response) {
        if (em.find(WebhookReplyEntity.class, requestId) != null) {
            return false;
        }
        WebhookReplyEntity reply = new WebhookReplyEntity();
        reply.requestId = requestId;
        reply.status = response.status();
        reply.headersJson = JsonCodec.toJson(response.headers());
        reply.body = response.body();
        reply.createdAt = EngineClock.now();
        em.persist(reply);
        em.flush();
        return true;
    }

    /** Whether the request has an answer. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean hasWebhookReply(String requestId) {
        return em.find(WebhookReplyEntity.class, requestId) != null;
    }

    /** The request's answer, removed; empty while it has none. */
    @SuppressWarnings("unchecked")
    public java.util.Optional<dev.durable.workflow.api.WebhookResponse> takeWebhookReply(String requestId) {
        WebhookReplyEntity reply = em.find(WebhookReplyEntity.class, requestId);
        if (reply == null) {
            return java.util.Optional.empty();
        }
        em.remove(reply);
        java.util.Map<String, String> headers = (java.util.Map<String, String>) JsonCodec.fromJson(reply.headersJson,
                new java.util.HashMap<String, String>() { }.getClass().getGenericSuperclass());
        return java.util.Optional.of(new dev.durable.workflow.api.WebhookResponse(reply.status, headers, reply.body));
    }

    /** Deletes answers nobody took (their requests had timed out) older than {@code before}. */
    public int purgeWebhookReplies(Instant before) {
        return em.createQuery("DELETE FROM WebhookReplyEntity w WHERE w.createdAt < :before")
                .setParameter("before", before).executeUpdate();
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

    static RunInfo info(RunEntity r) {
        return new RunInfo(r.runId, r.workflowName, RunStatus.fromWireName(r.status), r.deploymentId, r.inputJson,
                r.outputJson, r.errorCode == null ? null : ErrorCode.valueOf(r.errorCode), r.errorMessage,
                r.createdAt, r.startedAt, r.completedAt);
    }

    static String truncate(String message) {
        return message == null || message.length() <= MAX_ERROR_MESSAGE ? message : message.substring(0, MAX_ERROR_MESSAGE);
    }
}
