package dev.durable.workflow.service;

import dev.durable.workflow.api.HookInfo;
import dev.durable.workflow.api.HookStatus;
import dev.durable.workflow.api.InvalidHookPayloadException;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.UnknownHookException;
import dev.durable.workflow.api.WebhookReceipt;
import dev.durable.workflow.api.WebhookRequest;
import dev.durable.workflow.api.WebhookResponse;
import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.engine.EngineObserver;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.Ids;
import dev.durable.workflow.engine.WebhookAnswers;
import java.util.Optional;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.WorkflowRegistry;
import dev.durable.workflow.queue.RunQueue;
import dev.durable.workflow.store.RunChanges;
import dev.durable.workflow.store.WebhookReplies;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The changes made to a run from outside its deliveries: cancel, wake-up, a hook's payload, a webhook's
 * request. Each is one
 * transaction (the caller's, or its own) that writes the run's rows and sends the message that makes a
 * delivery act on them, so neither is ever committed without the other.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class RunControl {

    @EJB
    RunChanges store;

    @EJB
    RunQueue queue;

    @EJB
    WebhookReplies replies;

    @Inject
    WorkflowRegistry registry;

    @Inject
    Validator validator;

    /** Cancels the run and its attached children; resumes its parent, which may be awaiting it. */
    public void cancel(String runId, String reason) {
        RunChanges.Cancelled cancelled = store.cancel(runId, reason);
        if (cancelled.parentRunId() != null) {
            queue.send(cancelled.parentRunId());
        }
        for (RunChanges.CancelledRun run : cancelled.runs()) {
            StepSupport.cancelled(run.runId());
            CompletionSignals.signal(run.runId());
            EngineObserver.current().runEnded(run.runId(), run.workflowName(), RunStatus.CANCELLED, run.startedAt(),
                    run.cancelledAt());
        }
    }

    /** Ends the run's pending sleeps and resumes it. */
    public int wakeUp(String runId) {
        int woken = store.wakeUp(runId);
        if (woken > 0) {
            queue.send(runId);
        }
        return woken;
    }

    /** Appends a payload for the hook holding {@code token} and resumes its run; see {@code WorkflowService.resumeHook}. */
    public HookInfo resumeHook(String token, Object payload) {
        RunChanges.ActiveHook hook = store.findHook(token);
        if (hook == null || !"hook".equals(hook.kind())) {
            throw new UnknownHookException(token); // a webhook is resumed by an HTTP request to its URL
        }
        String json = payload instanceof JsonValue value ? value.toString() : JsonCodec.toJson(payload);
        check(hook, json);
        RunChanges.ActiveHook resumed = store.resumeHook(token, json);
        if (resumed == null) {
            throw new UnknownHookException(token); // disposed, or its run ended, since we looked
        }
        queue.ringAfterCommit(resumed.runId());
        EngineObserver.current().hookResumed(resumed.runId(), "hook");
        return info(resumed, -1);
    }

    /** Appends an HTTP request to the run of the webhook holding {@code token} and resumes the run. */
    public WebhookReceipt receiveWebhook(String token, WebhookRequest request) {
        RunChanges.ActiveHook hook = store.findHook(token);
        if (hook == null || !"webhook".equals(hook.kind())) {
            throw new UnknownHookException(token);
        }
        String requestId = Ids.next("wreq_");
        request.setRequestId(requestId);
        RunChanges.ActiveHook resumed = store.resumeHook(token, JsonCodec.toJson(request));
        if (resumed == null) {
            throw new UnknownHookException(token);
        }
        queue.ringAfterCommit(resumed.runId());
        EngineObserver.current().hookResumed(resumed.runId(), "webhook");
        WebhookResponse answer = WebhookAnswers.immediate(hook.responseJson());
        return new WebhookReceipt(requestId, hook.hookId(), hook.runId(), answer,
                answer == null ? EngineClock.now().plus(EngineConfig.WEBHOOK_RESPONSE) : null);
    }

    /** A manual webhook's answer, once a step gave it; taken, so it is sent once. */
    public Optional<WebhookResponse> takeWebhookResponse(String requestId) {
        return replies.take(requestId);
    }

    /** The payload must decode as the hook's type and satisfy its constraints. */
    private void check(RunChanges.ActiveHook hook, String json) {
        Class<?> type;
        try {
            ClassLoader loader = hook.workflowName() == null ? getClass().getClassLoader()
                    : registry.require(hook.workflowName()).workflowClass().getClassLoader();
            type = Class.forName(hook.payloadType(), false, loader);
        } catch (ClassNotFoundException | RuntimeException e) {
            return; // the workflow is not deployed here: its delivery will decode the payload
        }
        Object value;
        try {
            value = JsonCodec.fromJson(json, type);
        } catch (RuntimeException e) {
            throw new InvalidHookPayloadException(hook.token(), List.of("the payload is not a valid "
                    + type.getSimpleName() + ": " + rootMessage(e)));
        }
        if (value == null) {
            throw new InvalidHookPayloadException(hook.token(), List.of("the payload must not be null"));
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidHookPayloadException(hook.token(), violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> (v.getPropertyPath().toString().isEmpty() ? "" : v.getPropertyPath() + ": ") + v.getMessage())
                    .toList());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static HookInfo info(RunChanges.ActiveHook h, int received) {
        return new HookInfo(h.hookId(), h.token(), h.runId(), h.kind(),
                HookInfo.webhookUrl(EngineConfig.BASE_URL, h.kind(), h.token()), h.metadataJson(), HookStatus.ACTIVE,
                received, h.createdAt(), null);
    }
}
