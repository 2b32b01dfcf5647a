package dev.durable.workflow.store;

import dev.durable.workflow.engine.NewHook;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;

/** The {@code WF_HOOK} table: the tokens that active hooks hold. Used inside its callers' transactions. */
final class HookDao {
    private final EntityManager em;

    HookDao(EntityManager em) {
        this.em = em;
    }

    /** The active hook holding {@code token}, or {@code null}. */
    HookEntity find(String token) {
        return em.find(HookEntity.class, token);
    }

    /** The active hook holding {@code token}, locked against a concurrent disposal, or {@code null}. */
    HookEntity findLocked(String token) {
        return em.find(HookEntity.class, token, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Whether an active hook holds the token. */
    boolean taken(String token) {
        return find(token) != null;
    }

    void insert(String runId, NewHook hook) {
        HookEntity row = new HookEntity();
        row.token = hook.token();
        row.hookId = hook.hookId();
        row.runId = runId;
        row.kind = hook.kind();
        row.payloadType = hook.payloadType();
        row.metadataJson = hook.metadataJson();
        row.responseJson = hook.responseJson();
        row.createdAt = hook.createdAt();
        em.persist(row);
    }

    /** The run's active hooks. */
    List<HookEntity> ofRun(String runId) {
        return em.createQuery("SELECT h FROM HookEntity h WHERE h.runId = :run ORDER BY h.hookId", HookEntity.class)
                .setParameter("run", runId).getResultList();
    }

    /** Frees the tokens of these hooks of the run. */
    void delete(String runId, List<String> hookIds) {
        if (!hookIds.isEmpty()) {
            em.createQuery("DELETE FROM HookEntity h WHERE h.runId = :run AND h.hookId IN :ids")
                    .setParameter("run", runId).setParameter("ids", hookIds).executeUpdate();
        }
    }

    /** Frees all the run's tokens. */
    void deleteAll(String runId) {
        em.createQuery("DELETE FROM HookEntity h WHERE h.runId = :run").setParameter("run", runId).executeUpdate();
    }
}
