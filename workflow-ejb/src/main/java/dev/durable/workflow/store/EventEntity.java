package dev.durable.workflow.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** One event of a run's log; {@code (runId, seq)} is unique, so two writers can never fork a log. */
@Entity
@Table(name = "WF_EVENT", uniqueConstraints = @UniqueConstraint(name = "WF_EVENT_RUN_SEQ", columnNames = {"RUN_ID", "SEQ"}))
public class EventEntity {
    @Id
    @Column(name = "EVENT_ID", length = 40)
    String eventId;

    @Column(name = "RUN_ID", nullable = false, length = 40)
    String runId;

    @Column(name = "SEQ", nullable = false)
    int seq;

    @Column(name = "EVENT_TYPE", nullable = false, length = 32)
    String eventType;

    @Column(name = "CORRELATION_ID", length = 40)
    String correlationId;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Lob
    @Column(name = "EVENT_DATA")
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
}
