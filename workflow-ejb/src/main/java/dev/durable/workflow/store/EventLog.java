package dev.durable.workflow.store;

import dev.durable.workflow.engine.Event;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The {@code WF_EVENT} table: runs' logs, appended and read in order. Used inside its callers' transactions. */
final class EventLog {
    private final EntityManager em;

    EventLog(EntityManager em) {
        this.em = em;
    }

    /** Persists events at {@code firstSeq}, {@code firstSeq + 1}, ... */
    void append(String runId, int firstSeq, List<Event> events) {
        for (int i = 0; i < events.size(); i++) {
            em.persist(Events.toEntity(runId, firstSeq + i, events.get(i)));
        }
    }

    /** The run's events from {@code fromSeq} on. */
    List<Event> from(String runId, int fromSeq) {
        return em.createQuery("SELECT e FROM EventEntity e WHERE e.runId = :id AND e.seq >= :from ORDER BY e.seq",
                        EventEntity.class)
                .setParameter("id", runId).setParameter("from", fromSeq).getResultList().stream().map(Events::toEvent).toList();
    }

    /** The run's events whose type starts with {@code typePrefix} ({@code "step"}, {@code "hook"}, ...). */
    List<Event> ofType(String runId, String typePrefix) {
        return em.createQuery("SELECT e FROM EventEntity e WHERE e.runId = :id AND e.eventType LIKE :type ORDER BY e.seq",
                        EventEntity.class)
                .setParameter("id", runId).setParameter("type", typePrefix + "%").getResultList().stream()
                .map(Events::toEvent).toList();
    }

    /** The events of one operation of the run. */
    List<Event> of(String runId, String correlationId) {
        return em.createQuery("SELECT e FROM EventEntity e WHERE e.runId = :id AND e.correlationId = :c ORDER BY e.seq",
                        EventEntity.class)
                .setParameter("id", runId).setParameter("c", correlationId).getResultList().stream()
                .map(Events::toEvent).toList();
    }
}
