package dev.durable.workflow.store;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.engine.EventData;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Runs: creating one (with its {@code run_created}) in the caller's transaction, reading them, and the
 * housekeeping of their leases (freed after a restart, stalled runs found for the sweeper).
 */
@Stateless
@LocalBean
public class RunStore {
    @PersistenceContext(unitName = "workflow")
    EntityManager em;

    /**
     * Persists a new pending run and its {@code run_created} event in the caller's transaction (outside
     * one, {@link RunCreator} writes the same rows).
     */
    public void createRun(NewRun newRun) {
        RunEntity run = new RunEntity();
        run.runId = newRun.runId();
        run.workflowName = newRun.workflowName();
        run.status = RunStatus.PENDING.wireName();
        run.deploymentId = newRun.deploymentId();
        run.idempotencyKey = newRun.idempotencyKey();
        run.inputJson = newRun.inputJson();
        run.createdAt = newRun.createdAt();
        run.updatedAt = newRun.createdAt();
        run.eventCount = 1;
        run.parentRunId = newRun.parentRunId();
        run.rerunOf = newRun.rerunOf();
        run.traceParent = newRun.traceParent();
        em.persist(run);
        em.persist(new EventEntity(run.runId, 0, EventType.RUN_CREATED.wireName(), null, run.createdAt,
                EventData.runCreated(run.workflowName, run.deploymentId)));
        String idempotencyKey = run.idempotencyKey;
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

    static boolean isUniqueViolation(Throwable e) {
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
     * Frees the leases an earlier life of this server held: at start-up none of its deliveries can be
     * alive, so their runs need not wait for the leases to expire.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int releaseLeasesOfEarlierLives(String serverPrefix, String currentOwner, Instant now) {
        // due from now: the delivery that held the lease died with its message, which may be gone too
        return em.createQuery("UPDATE RunEntity r SET r.leaseOwner = NULL, r.leaseToken = NULL, r.leaseUntil = NULL, "
                        + "r.wakeAt = :now WHERE r.leaseOwner LIKE :prefix AND r.leaseOwner <> :me")
                .setParameter("prefix", serverPrefix + "%") // a '_' in the path matches any one character: harmless
                .setParameter("me", currentOwner).setParameter("now", now).executeUpdate();
    }

    /**
     * Runs whose message may have been lost, marked touched so that the next round leaves them alone:
     * runs that hold no live lease and are due (pending, a wake-up passed, a lease expired) with no
     * change since {@code dueQuietSince}, or any other live run with none since {@code quietSince}.
     */
    public List<String> touchStalledRuns(Instant now, Instant dueQuietSince, Instant quietSince, int max) {
        List<RunEntity> runs = em.createQuery("SELECT r FROM RunEntity r WHERE r.status IN ('pending', 'running') "
                        + "AND (r.leaseToken IS NULL OR r.leaseUntil < :now) AND (r.wakeAt IS NULL OR r.wakeAt < :now) "
                        + "AND (r.updatedAt < :quiet OR (r.updatedAt < :dueQuiet AND (r.status = 'pending' "
                        + "OR r.wakeAt IS NOT NULL OR r.leaseToken IS NOT NULL))) ORDER BY r.updatedAt",
                        RunEntity.class)
                .setParameter("quiet", quietSince).setParameter("dueQuiet", dueQuietSince).setParameter("now", now)
                .setMaxResults(max).getResultList();
        runs.forEach(r -> r.touch(now));
        return runs.stream().map(r -> r.runId).toList();
    }

    /**
     * The backlog: runs {@code pending} (not yet started), and runs that are due and that no delivery
     * holds (pending ones, and running ones whose sleep or retry is over).
     *
     * @return {pending, due}
     */
    public long[] countBacklog(Instant now) {
        long pending = em.createQuery("SELECT COUNT(r) FROM RunEntity r WHERE r.status = 'pending'", Long.class)
                .getSingleResult();
        long overdue = em.createQuery("SELECT COUNT(r) FROM RunEntity r WHERE r.status = 'running' "
                        + "AND r.wakeAt IS NOT NULL AND r.wakeAt <= :now AND (r.leaseToken IS NULL OR r.leaseUntil < :now)",
                        Long.class)
                .setParameter("now", now).getSingleResult();
        return new long[] {pending, pending + overdue};
    }

    /** How many runs are in each status. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Map<String, Long> countByStatus() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (Object[] row : em.createQuery("SELECT r.status, COUNT(r) FROM RunEntity r GROUP BY r.status", Object[].class)
                .getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    static RunInfo info(RunEntity r) {
        return new RunInfo(r.runId, r.workflowName, RunStatus.fromWireName(r.status), r.deploymentId, r.inputJson,
                r.outputJson, r.errorCode == null ? null : ErrorCode.valueOf(r.errorCode), r.errorMessage,
                r.createdAt, r.startedAt, r.completedAt, r.parentRunId, r.rerunOf);
    }

}
