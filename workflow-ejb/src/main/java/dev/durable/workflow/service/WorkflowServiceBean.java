package dev.durable.workflow.service;

import dev.durable.workflow.api.EngineHealth;
import dev.durable.workflow.api.EngineStatus;
import dev.durable.workflow.api.HookInfo;
import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.StartOptions;
import dev.durable.workflow.api.UnknownHookException;
import dev.durable.workflow.api.WebhookReceipt;
import dev.durable.workflow.api.WebhookRequest;
import dev.durable.workflow.api.WebhookResponse;
import dev.durable.workflow.api.WorkflowService;
import dev.durable.workflow.engine.WorkflowDefinition;
import dev.durable.workflow.engine.WorkflowRegistry;
import dev.durable.workflow.store.RunChanges;
import dev.durable.workflow.store.RunStore;
import dev.durable.workflow.store.StreamDao;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;

/**
 * The {@link WorkflowService} session bean. Starting validates and encodes the arguments, then has
 * {@link RunLauncher} persist the run in the caller's transaction and enqueue it once that commits, or,
 * when the caller has none, write it in a local transaction of its own and enqueue it. This bean
 * itself only {@code SUPPORTS} transactions, so that when two starts race on one idempotency key and
 * the loser's transaction is its own, it can look the winner's run up after its insert failed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class WorkflowServiceBean implements WorkflowService {

    @Inject
    WorkflowRegistry registry;

    @EJB
    RunLauncher launcher;

    @EJB
    RunStore store;

    @EJB
    StreamDao streams;

    @EJB
    RunChanges changes;

    @EJB
    RunControl control;

    @EJB
    HealthChecks healthChecks;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Override
    public <T> Run<T> start(Class<?> workflow) {
        return start(workflow, List.of(), StartOptions.none());
    }

    @Override
    public <T> Run<T> start(Class<?> workflow, List<?> args) {
        return start(workflow, args, StartOptions.none());
    }

    @Override
    public <T> Run<T> start(Class<?> workflow, List<?> args, StartOptions options) {
        return start(registry.require(workflow), args, options);
    }

    @Override
    public <T> Run<T> start(String workflowName) {
        return start(workflowName, List.of(), StartOptions.none());
    }

    @Override
    public <T> Run<T> start(String workflowName, List<?> args) {
        return start(workflowName, args, StartOptions.none());
    }

    @Override
    public <T> Run<T> start(String workflowName, List<?> args, StartOptions options) {
        return start(registry.require(workflowName), args, options);
    }

    @Override
    public <T> Run<T> getRun(String runId) {
        return new RunHandle<>(runId, store, control, registry, streams, new RunStarter(launcher, store), transactions);
    }

    @Override
    public HookInfo resumeHook(String token, Object payload) {
        return control.resumeHook(token, payload);
    }

    @Override
    public WebhookReceipt receiveWebhook(String token, WebhookRequest request) {
        return control.receiveWebhook(token, request);
    }

    @Override
    public java.util.Optional<WebhookResponse> takeWebhookResponse(String requestId) {
        return control.takeWebhookResponse(requestId);
    }

    @Override
    public EngineStatus status() {
        return ListenerCheck.status();
    }

    @Override
    public EngineHealth health() {
        return healthChecks.health();
    }

    @Override
    public HookInfo getHook(String token) {
        RunChanges.ActiveHook hook = changes.findHook(token);
        if (hook == null) {
            throw new UnknownHookException(token);
        }
        return RunControl.info(hook, changes.received(hook.runId(), hook.hookId()));
    }

    @Override
    public <T> List<Run<T>> startAll(String workflowName, List<? extends List<?>> argsList, StartOptions options) {
        return startAll(registry.require(workflowName), argsList, options);
    }

    @Override
    public <T> List<Run<T>> startAll(Class<?> workflow, List<? extends List<?>> argsList, StartOptions options) {
        return startAll(registry.require(workflow), argsList, options);
    }

    private <T> List<Run<T>> startAll(WorkflowDefinition definition, List<? extends List<?>> argsList, StartOptions options) {
        boolean callerTransaction = transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
        return new RunStarter(launcher, store).startAll(definition, argsList, options, callerTransaction).stream()
                .map(this::<T>getRun).toList();
    }

    private <T> Run<T> start(WorkflowDefinition definition, List<?> args, StartOptions options) {
        boolean callerTransaction = transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
        return getRun(new RunStarter(launcher, store).start(definition, args, options, null, callerTransaction));
    }
}
