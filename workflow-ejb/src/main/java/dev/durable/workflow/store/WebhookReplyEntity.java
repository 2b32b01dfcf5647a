package dev.durable.workflow.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A manual webhook's answer to one HTTP request, written by the step that answers it and taken by the
 * server holding the request; the primary key makes the first answer the only one.
 */
@Entity
@Table(name = Schema.WEBHOOK_REPLY)
public class WebhookReplyEntity {
    @Id
    @Column(name = Schema.REQUEST_ID, length = 40)
    String requestId;

    @Column(name = Schema.HTTP_STATUS, nullable = false)
    int status;

    @Lob
    @Column(name = Schema.HEADERS_JSON)
    String headersJson;

    @Lob
    @Column(name = Schema.BODY)
    String body;

    @Column(name = Schema.CREATED_AT, nullable = false)
    Instant createdAt;
}
