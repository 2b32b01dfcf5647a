package dev.durable.workflow.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An active hook: the row exists while its token is held, so the primary key makes an active token
 * unique across all runs. The hook's history (payloads, disposal) is in its run's log.
 */
@Entity
@Table(name = Schema.HOOK, indexes = @Index(name = "WF_HOOK_RUN", columnList = Schema.RUN_ID))
public class HookEntity {
    @Id
    @Column(name = Schema.TOKEN, length = 200)
    String token;

    @Column(name = Schema.HOOK_ID, nullable = false, length = 40)
    String hookId;

    @Column(name = Schema.RUN_ID, nullable = false, length = 40)
    String runId;

    @Column(name = Schema.KIND, nullable = false, length = 16)
    String kind;

    @Column(name = Schema.PAYLOAD_TYPE, length = 500)
    String payloadType;

    @Lob
    @Column(name = Schema.METADATA_JSON)
    String metadataJson;

    /** How a webhook answers its requests; {@code null} for a hook or a webhook's default 202. */
    @Lob
    @Column(name = Schema.RESPONSE_JSON)
    String responseJson;

    @Column(name = Schema.CREATED_AT, nullable = false)
    Instant createdAt;
}
