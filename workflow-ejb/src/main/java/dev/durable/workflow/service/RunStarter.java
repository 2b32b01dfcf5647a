package dev.durable.workflow.service;

import dev.durable.workflow.api.StartOptions;
import dev.durable.workflow.api.WorkflowException;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.Ids;
import dev.durable.workflow.engine.WorkflowDefinition;
import dev.durable.workflow.store.IdempotencyKeyTakenException;
import dev.durable.workflow.store.RunStore;
import java.util.List;

/**
 * Starting a run, for the session bean and for workflows starting children: validates and encodes the
 * arguments, honours the idempotency key, persists and enqueues through {@link RunLauncher}.
 */
final class RunStarter {
    private final RunLauncher launcher;
    private final RunStore store;

    RunStarter(RunLauncher launcher, RunStore store) {
        this.launcher = launcher;
        this.store = store;
    }

    /**
     * Starts the run and returns its id (or the id of the run that already holds the idempotency key).
     *
     * @param callerTransaction whether the caller's JTA transaction is active (and so shared)
     */
    String start(WorkflowDefinition definition, List<?> args, StartOptions options, String parentRunId,
                 boolean callerTransaction) {
        ListenerCheck.requireConsumer();
        StartOptions opts = options == null ? StartOptions.none() : options;
        String inputJson = JsonCodec.encodeArguments(args, definition.parameterTypes(), definition.parameterNames());
        String key = opts.idempotencyKey();
        if (key != null) {
            String existing = store.findRunIdByIdempotencyKey(key);
            if (existing != null) {
                return existing;
            }
        }
        String runId = Ids.run();
        try {
            launcher.launch(runId, definition.name(), inputJson, opts.deploymentId(), key, parentRunId);
            return runId;
        } catch (IdempotencyKeyTakenException e) {
            if (callerTransaction) {
                throw new WorkflowException("A run with idempotency key '" + key
                        + "' was started concurrently; this transaction is marked for rollback, retry it to get that run");
            }
            String winner = store.findRunIdByIdempotencyKey(key);
            if (winner == null) {
                throw new WorkflowException("The run holding idempotency key '" + key + "' could not be read");
            }
            return winner;
        }
    }
}
