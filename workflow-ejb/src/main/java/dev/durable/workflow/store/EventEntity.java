package dev.durable.workflow.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One event of a run's log. The key is {@code (runId, seq)}: two writers can never fork a log, and a
 * run's events are read in order from the key's index. A second index finds one operation's events (a
 * parallel step's, as it begins) without reading the whole log.
 */
@Entity
@Table(name = Schema.EVENT, indexes = @jakarta.persistence.Index(name = "WF_EVENT_OPERATION",
        columnList = Schema.RUN_ID + ", " + Schema.CORRELATION_ID))
@IdClass(EventEntity.Key.class)
public class EventEntity {
    @Id
    @Column(name = Schema.RUN_ID, nullable = false, length = 40)
    String runId;

    @Id
    @Column(name = Schema.SEQ, nullable = false)
    int seq;

    @Column(name = Schema.EVENT_ID, nullable = false, length = 40)
    String eventId;

    @Column(name = Schema.EVENT_TYPE, nullable = false, length = 32)
    String eventType;

    @Column(name = Schema.CORRELATION_ID, length = 40)
    String correlationId;

    @Column(name = Schema.CREATED_AT, nullable = false)
    Instant createdAt;

    @Lob
    @Column(name = Schema.EVENT_DATA)
    String eventData;

    EventEntity() {
    }

    EventEntity(String runId, int seq, String eventType, String correlationId, Instant createdAt, String eventData) {
        this.eventId = dev.durable.workflow.engine.Ids.event();
        this.runId = runId;
        this.seq = seq;
        this.eventType = eventType;
        this.correlationId = correlationId;
        this.createdAt = createdAt;
        this.eventData = eventData;
    }

    /** The primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String runId;
        int seq;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.runId, runId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, seq);
        }
    }
}
