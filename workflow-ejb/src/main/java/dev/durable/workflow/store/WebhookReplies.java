package dev.durable.workflow.store;

import dev.durable.workflow.api.WebhookResponse;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.EngineClock;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code WF_WEBHOOK_REPLY} table: manual webhooks' answers, from the step that gives one to the
 * server that holds the waiting HTTP request.
 */
@Stateless
@LocalBean
public class WebhookReplies {

    @PersistenceContext(unitName = "workflow")
    EntityManager em;

    /**
     * Saves a manual webhook's answer to a request, unless it has one already.
     *
     * @return whether this answer was saved
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean save(String requestId, WebhookResponse response) {
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
    public boolean has(String requestId) {
        return em.find(WebhookReplyEntity.class, requestId) != null;
    }

    /** The request's answer, removed; empty while it has none. */
    @SuppressWarnings("unchecked")
    public Optional<WebhookResponse> take(String requestId) {
        WebhookReplyEntity reply = em.find(WebhookReplyEntity.class, requestId);
        if (reply == null) {
            return Optional.empty();
        }
        em.remove(reply);
        Map<String, String> headers = (Map<String, String>) JsonCodec.fromJson(reply.headersJson,
                new HashMap<String, String>() { }.getClass().getGenericSuperclass());
        return Optional.of(new WebhookResponse(reply.status, headers, reply.body));
    }

    /** Deletes answers nobody took (their requests had timed out) older than {@code before}. */
    public int purge(Instant before) {
        return em.createQuery("DELETE FROM WebhookReplyEntity w WHERE w.createdAt < :before")
                .setParameter("before", before).executeUpdate();
    }
}
