package dev.durable.workflow.service;

import dev.durable.workflow.api.IdempotencyConflictException;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.UnknownWorkflowException;
import dev.durable.workflow.engine.WorkflowRegistry;

import dev.durable.workflow.api.StartOptions;
import dev.durable.workflow.api.WorkflowException;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.EngineObserver;
import dev.durable.workflow.engine.Ids;
import dev.durable.workflow.engine.WorkflowDefinition;
import dev.durable.workflow.store.IdempotencyKeyTakenException;
import dev.durable.workflow.store.NewRun;
import dev.durable.workflow.store.RunStore;
import dev.durable.workflow.api.InvalidArgumentsException;
import dev.durable.workflow.api.WorkflowService;
import java.util.ArrayList;
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
     * Starts one run per arguments in one transaction; returns their ids in order.
     *
     * @param callerTransaction whether the caller has a JTA transaction, which the runs then join
     */
    List<String> startAll(WorkflowDefinition definition, List<? extends List<?>> argsList, StartOptions options,
                          boolean callerTransaction) {
        ListenerCheck.requireConsumer();
        StartOptions opts = options == null ? StartOptions.none() : options;
        if (opts.idempotencyKey() != null) {
            throw new InvalidArgumentsException("startAll takes no idempotency key: each run needs its own, start those one by one", -1);
        }
        if (argsList.size() > WorkflowService.MAX_START_ALL) {
            throw new InvalidArgumentsException("startAll starts at most " + WorkflowService.MAX_START_ALL + " runs, not "
                    + argsList.size(), -1);
        }
        List<NewRun> runs = new ArrayList<>(argsList.size());
        for (int i = 0; i < argsList.size(); i++) {
            String inputJson;
            try {
                inputJson = JsonCodec.encodeArguments(argsList.get(i), definition.parameterTypes(), definition.parameterNames());
            } catch (InvalidArgumentsException e) {
                throw new InvalidArgumentsException("Run " + i + ": " + e.getMessage(), e.argumentIndex());
            }
            Ids.StampedId id = Ids.stampedRun();
            runs.add(new NewRun(id.id(), definition.name(), inputJson, opts.deploymentId(), null, null, null, id.at(), null));
        }
        launch(runs, callerTransaction);
        return runs.stream().map(NewRun::runId).toList();
    }

    /** Launches the runs inside a start span, whose trace context they record: their deliveries join its trace. */
    private void launch(List<NewRun> runs, boolean callerTransaction) {
        try (EngineObserver.Handle span = EngineObserver.current().start(runs.get(0).workflowName(),
                runs.stream().map(NewRun::runId).toList())) {
            String traceParent = span.traceParent();
            List<NewRun> traced = traceParent == null ? runs : runs.stream().map(run -> run.tracedBy(traceParent)).toList();
            try {
                if (callerTransaction) {
                    launcher.launchInTransaction(traced);
                } else {
                    launcher.launch(traced);
                }
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    /**
     * Starts a new run of the run's workflow with its input and deployment id, recording which run it
     * repeats; returns the new run's id.
     *
     * @throws UnknownWorkflowException if the workflow is no longer deployed here
     */
    String rerun(RunInfo original, WorkflowRegistry registry, boolean callerTransaction) {
        ListenerCheck.requireConsumer();
        WorkflowDefinition definition = registry.require(original.workflowName());
        Ids.StampedId id = Ids.stampedRun();
        launch(List.of(new NewRun(id.id(), definition.name(), original.inputJson(), original.deploymentId(), null, null,
                original.runId(), id.at(), null)), callerTransaction);
        return id.id();
    }

    /**
     * Starts the run and returns its id (or the id of the run that already holds the idempotency key).
     *
     * @param callerTransaction whether the caller has a JTA transaction, which the runs then join
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
                return sameRequest(existing, key, definition.name(), inputJson);
            }
        }
        Ids.StampedId id = Ids.stampedRun();
        String runId = id.id();
        try {
            launch(List.of(new NewRun(runId, definition.name(), inputJson, opts.deploymentId(), key, parentRunId, null, id.at(), null)),
                    callerTransaction);
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
            return sameRequest(winner, key, definition.name(), inputJson);
        }
    }

    /**
     * The run holding the key, when it was started with the same workflow and arguments: the request is
     * a repeat. Otherwise a different request reuses the key, which is the caller's mistake.
     */
    private String sameRequest(String holder, String key, String workflowName, String inputJson) {
        RunInfo held = store.find(holder);
        if (held != null && (!held.workflowName().equals(workflowName) || !held.inputJson().equals(inputJson))) {
            throw new IdempotencyConflictException(key, holder);
        }
        return holder;
    }
}
