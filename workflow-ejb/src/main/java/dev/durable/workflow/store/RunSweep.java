package dev.durable.workflow.store;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * The rows of bulk jobs: selecting runs in id order, page by page (a job's checkpoint is the last id it
 * handled), and purging terminal runs with everything that belongs to them, in the caller's transaction
 * (a batch chunk's, which also holds its checkpoint).
 */
@Stateless
@LocalBean
public class RunSweep {
    /** Every table keyed by run besides the run's own, deleted before it. */
    private static final List<String> OWNED = List.of("StreamChunkEntity", "StreamEntity", "HookEntity", "EventEntity");

    @PersistenceContext(unitName = "workflow")
    EntityManager em;

    /** The newest run's id now, or {@code null} if there is none: a job's bound, so runs it starts are not its input. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String newestRunId() {
        return em.createQuery("SELECT MAX(r.runId) FROM RunEntity r", String.class).getSingleResult();
    }

    /**
     * The ids of up to {@code limit} selected runs after {@code afterId} and up to {@code upToId}, in id
     * (creation) order.
     *
     * @param afterId the last id handled, or {@code null} to begin
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> select(RunSelection selection, String afterId, String upToId, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT r.runId FROM RunEntity r WHERE r.status IN :statuses AND r.runId <= :upTo");
        if (afterId != null) {
            jpql.append(" AND r.runId > :after");
        }
        if (selection.workflowName() != null) {
            jpql.append(" AND r.workflowName = :wf");
        }
        if (selection.errorCode() != null) {
            jpql.append(" AND r.errorCode = :code");
        }
        if (selection.createdAfter() != null) {
            jpql.append(" AND r.createdAt >= :createdAfter");
        }
        if (selection.createdBefore() != null) {
            jpql.append(" AND r.createdAt < :createdBefore");
        }
        if (selection.endedBefore() != null) {
            jpql.append(" AND r.completedAt < :endedBefore");
        }
        TypedQuery<String> q = em.createQuery(jpql.append(" ORDER BY r.runId").toString(), String.class)
                .setParameter("statuses", selection.statuses()).setParameter("upTo", upToId);
        if (afterId != null) {
            q.setParameter("after", afterId);
        }
        if (selection.workflowName() != null) {
            q.setParameter("wf", selection.workflowName());
        }
        if (selection.errorCode() != null) {
            q.setParameter("code", selection.errorCode());
        }
        if (selection.createdAfter() != null) {
            q.setParameter("createdAfter", selection.createdAfter());
        }
        if (selection.createdBefore() != null) {
            q.setParameter("createdBefore", selection.createdBefore());
        }
        if (selection.endedBefore() != null) {
            q.setParameter("endedBefore", selection.endedBefore());
        }
        return q.setMaxResults(limit).getResultList();
    }

    /**
     * Deletes those of the runs that are terminal (a terminal run never changes again), with their events,
     * hooks, streams and stream chunks, in the caller's transaction.
     *
     * @return how many runs were deleted
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int purge(List<String> runIds) {
        if (runIds.isEmpty()) {
            return 0;
        }
        List<String> terminal = em.createQuery("SELECT r.runId FROM RunEntity r WHERE r.runId IN :ids "
                        + "AND r.status NOT IN ('pending', 'running')", String.class)
                .setParameter("ids", runIds).getResultList();
        if (terminal.isEmpty()) {
            return 0;
        }
        for (String entity : OWNED) {
            em.createQuery("DELETE FROM " + entity + " x WHERE x.runId IN :ids").setParameter("ids", terminal).executeUpdate();
        }
        return em.createQuery("DELETE FROM RunEntity r WHERE r.runId IN :ids").setParameter("ids", terminal).executeUpdate();
    }
}
