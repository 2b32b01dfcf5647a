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
import java.util.UUID;

/**
 * Writes runs and their event logs with JPA. Every write of a delivery is fenced: it changes the run only
 * if the delivery's lease token still holds, the run is still running and the log has the length the
 * delivery expects. Each such write is its own transaction, so a step's result is durable before the
 * next step. (A step's own write usually takes the JDBC fast path of {@link DeliveryJournal}.)
 */
@Stateless
@LocalBean
public class RunStore {
    private static final String RUNNING = RunStatus.RUNNING.wireName();
    private static final int MAX_ERROR_MESSAGE = 8000;

    @PersistenceContext(unitName = "workflow")
    EntityManager em;

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
                "{\"workflowName\":" + JsonCodec.quote(workflowName) + ",\"deploymentId\":" + JsonCodec.quote(deploymentId) + "}"));
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
     * Takes the run's lease for one delivery and loads its log. A pending run becomes running
     * ({@code run_started}).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Claim claim(String runId, String owner, Instant now, Instant leaseUntil) {
        String token = UUID.randomUUID().toString();
        int updated = takeLease(runId, owner, token, now, leaseUntil);
        RunEntity run = em.find(RunEntity.class, runId);
        if (run == null) {
            return new Claim(Claim.Kind.MISSING, null, null, null);
        }
        if (RunStatus.fromWireName(run.status).isTerminal()) {
            return new Claim(Claim.Kind.DONE, null, null, run.parentRunId);
        }
        if (updated == 0 && (run.leaseToken == null || run.leaseUntil.isBefore(now))) {
            // the row became visible between the two statements (its creating transaction just committed)
            updated = takeLease(runId, owner, token, now, leaseUntil);
        }
        if (updated == 0) {
            return new Claim(Claim.Kind.BUSY, null, run.leaseUntil, null);
        }
        if (run.status.equals(RunStatus.PENDING.wireName())) {
            em.persist(new EventEntity(runId, run.markStarted(now), EventType.RUN_STARTED.wireName(), null, now, null));
        }
        List<Event> events = em.createQuery("SELECT e FROM EventEntity e WHERE e.runId = :id "
                        + "AND (e.eventType LIKE 'step%' OR e.eventType LIKE 'wait%') ORDER BY e.seq", EventEntity.class)
                .setParameter("id", runId).getResultList().stream().map(Events::toEvent).toList();
        return new Claim(Claim.Kind.CLAIMED, new LoadedRun(runId, run.workflowName, run.inputJson, run.startedAt,
                token, run.eventCount, events, run.parentRunId), null, run.parentRunId);
    }

    private int takeLease(String runId, String owner, String token, Instant now, Instant leaseUntil) {
        return em.createQuery("UPDATE RunEntity r SET r.leaseOwner = :owner, r.leaseToken = :token, "
                        + "r.leaseUntil = :until WHERE r.runId = :id AND r.status IN ('pending', 'running') "
                        + "AND (r.leaseToken IS NULL OR r.leaseUntil < :now)")
                .setParameter("owner", owner).setParameter("token", token).setParameter("until", leaseUntil)
                .setParameter("id", runId).setParameter("now", now).executeUpdate();
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
        persist(run.runId(), first, events);
        return first + events.size();
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
            persist(run.runId(), knownEventCount, events);
            return Journal.Suspended.YES;
        }
        return ownedLocked(run) == null ? Journal.Suspended.FENCE_LOST : Journal.Suspended.LOG_GREW;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Event> eventsFrom(String runId, int fromSeq) {
        return em.createQuery("SELECT e FROM EventEntity e WHERE e.runId = :id AND e.seq >= :from ORDER BY e.seq",
                        EventEntity.class)
                .setParameter("id", runId).setParameter("from", fromSeq).getResultList().stream().map(Events::toEvent).toList();
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
        History.StepOp step = History.of(stepEvents(runId, stepId)).step(stepId);
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
        return ParallelStep.begin(row.workflowName, step.name(), step.inputJson(), attempt);
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
        persist(runId, row.appendStepEvents(events.size()), events);
        return last && row.stepEnded(failed);
    }

    private List<Event> stepEvents(String runId, String stepId) {
        return em.createQuery("SELECT e FROM EventEntity e WHERE e.runId = :id AND e.correlationId = :step ORDER BY e.seq",
                        EventEntity.class)
                .setParameter("id", runId).setParameter("step", stepId).getResultList().stream().map(Events::toEvent).toList();
    }

    private void persist(String runId, int firstSeq, List<Event> events) {
        for (int i = 0; i < events.size(); i++) {
            em.persist(Events.toEntity(runId, firstSeq + i, events.get(i)));
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean completeRun(LoadedRun run, int expectedEventCount, String outputJson) {
        return finish(run, expectedEventCount, RunStatus.COMPLETED, outputJson, null, null);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean failRun(LoadedRun run, int expectedEventCount, ErrorCode code, String message) {
        return finish(run, expectedEventCount, RunStatus.FAILED, null, code, truncate(message));
    }

    private boolean finish(LoadedRun run, int known, RunStatus status, String outputJson, ErrorCode code, String message) {
        Instant now = EngineClock.now();
        int expected = known;
        int updated = finishUpdate(run, expected, true, status, outputJson, code, message, now);
        if (updated != 1) {
            // others appended meanwhile (a parallel step the workflow did not wait for): end after them
            RunEntity owned = ownedLocked(run);
            if (owned == null) {
                return false;
            }
            expected = owned.eventCount;
            finishUpdate(run, expected, false, status, outputJson, code, message, now);
        }
        String data = code == null ? null
                : "{\"errorCode\":" + JsonCodec.quote(code.name()) + ",\"errorMessage\":" + JsonCodec.quote(message) + "}";
        em.persist(new EventEntity(run.runId(), expected,
                (status == RunStatus.COMPLETED ? EventType.RUN_COMPLETED : EventType.RUN_FAILED).wireName(), null, now, data));
        return true;
    }

    /** Sets the run's end; {@code fenced}: only if the delivery still owns it and the log has {@code expected} events. */
    private int finishUpdate(LoadedRun run, int expected, boolean fenced, RunStatus status, String outputJson,
                             ErrorCode code, String message, Instant now) {
        var query = em.createQuery("UPDATE RunEntity r SET r.status = :status, r.outputJson = :output, "
                        + "r.errorCode = :code, r.errorMessage = :message, r.completedAt = :now, r.updatedAt = :now, "
                        + "r.eventCount = :count, r.leaseOwner = NULL, r.leaseToken = NULL, r.leaseUntil = NULL, r.wakeAt = NULL "
                        + "WHERE r.runId = :id" + (fenced
                        ? " AND r.leaseToken = :token AND r.eventCount = :expected AND r.status = :running" : ""))
                .setParameter("status", status.wireName()).setParameter("output", outputJson)
                .setParameter("code", code == null ? null : code.name()).setParameter("message", message)
                .setParameter("now", now).setParameter("count", expected + 1).setParameter("id", run.runId());
        if (fenced) {
            query.setParameter("token", run.leaseToken()).setParameter("expected", expected).setParameter("running", RUNNING);
        }
        return query.executeUpdate();
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
     * Cancels a run ({@code run_cancelled}): a delivery executing it loses its fence at its next write.
     *
     * @throws UnknownRunException if there is no such run
     * @return the run's parent, to be resumed, or {@code null}
     * @throws RunAlreadyTerminalException if it has already ended
     */
    public String cancel(String runId) {
        RunEntity run = lockLive(runId);
        Instant now = EngineClock.now();
        em.persist(new EventEntity(runId, run.markCancelled(now), EventType.RUN_CANCELLED.wireName(), null, now, null));
        return run.parentRunId;
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
        List<Event> waits = em.createQuery("SELECT e FROM EventEntity e WHERE e.runId = :id AND e.eventType LIKE 'wait%' "
                        + "ORDER BY e.seq", EventEntity.class)
                .setParameter("id", runId).getResultList().stream().map(Events::toEvent).toList();
        List<History.WaitOp> pending = History.of(waits).pendingWaits();
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
        em.persist(new EventEntity(runId, run.markFailed(now, code.name(), message), EventType.RUN_FAILED.wireName(), null,
                now, "{\"errorCode\":" + JsonCodec.quote(code.name()) + ",\"errorMessage\":" + JsonCodec.quote(message) + "}"));
        return run.parentRunId;
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

    private static String truncate(String message) {
        return message == null || message.length() <= MAX_ERROR_MESSAGE ? message : message.substring(0, MAX_ERROR_MESSAGE);
    }
}
