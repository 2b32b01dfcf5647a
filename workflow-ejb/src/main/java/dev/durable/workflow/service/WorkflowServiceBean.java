package dev.durable.workflow.service;

import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.StartOptions;
import dev.durable.workflow.api.WorkflowException;
import dev.durable.workflow.api.WorkflowService;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.Ids;
import dev.durable.workflow.engine.WorkflowDefinition;
import dev.durable.workflow.engine.WorkflowRegistry;
import dev.durable.workflow.store.IdempotencyKeyTakenException;
import dev.durable.workflow.store.RunStore;
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
 * {@link RunLauncher} persist and enqueue the run in the caller's transaction (or a new one). This bean
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
        return new RunHandle<>(runId, store, registry);
    }

    private <T> Run<T> start(WorkflowDefinition definition, List<?> args, StartOptions options) {
        StartOptions opts = options == null ? StartOptions.none() : options;
        String inputJson = JsonCodec.encodeArguments(args, definition.parameterTypes(), definition.parameterNames());
        String key = opts.idempotencyKey();
        if (key != null) {
            String existing = store.findRunIdByIdempotencyKey(key);
            if (existing != null) {
                return getRun(existing);
            }
        }
        String runId = Ids.run();
        boolean callerTransaction = transactions.getTransactionStatus() == Status.STATUS_ACTIVE;
        try {
            launcher.launch(runId, definition.name(), inputJson, opts.deploymentId(), key);
        } catch (IdempotencyKeyTakenException e) {
            if (callerTransaction) {
                throw new WorkflowException("A run with idempotency key '" + key
                        + "' was started concurrently; this transaction is marked for rollback, retry it to get that run");
            }
            String winner = store.findRunIdByIdempotencyKey(key);
            if (winner == null) {
                throw new WorkflowException("The run holding idempotency key '" + key + "' could not be read");
            }
            return getRun(winner);
        }
        return getRun(runId);
    }
}
