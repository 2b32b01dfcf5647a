package dev.durable.workflow.service;

import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.RunCancelledException;
import dev.durable.workflow.api.RunFailedException;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunNotCompletedException;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StreamInfo;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.api.Workflows;
import dev.durable.workflow.api.WorkflowException;
import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.ChildRuns;
import dev.durable.workflow.engine.WorkflowRegistry;
import dev.durable.workflow.store.RunStore;
import dev.durable.workflow.store.StreamDao;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link Run} that reads the run's row on each call. Cancel and wake-up go to {@link RunControl}: one
 * transaction each, the caller's or their own.
 */
final class RunHandle<T> implements Run<T> {
    private static final long MAX_POLL_MILLIS = 100;

    private final String runId;
    private final RunStore store;
    private final RunControl control;
    private final WorkflowRegistry registry;
    private final StreamDao streams;
    private final RunStarter starter;
    private final TransactionSynchronizationRegistry transactions;

    RunHandle(String runId, RunStore store, RunControl control, WorkflowRegistry registry, StreamDao streams,
              RunStarter starter, TransactionSynchronizationRegistry transactions) {
        this.runId = runId;
        this.store = store;
        this.control = control;
        this.registry = registry;
        this.streams = streams;
        this.starter = starter;
        this.transactions = transactions;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public RunStatus status() {
        return info().status();
    }

    @Override
    public String workflowName() {
        return info().workflowName();
    }

    @Override
    public Instant createdAt() {
        return info().createdAt();
    }

    @Override
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(info().startedAt());
    }

    @Override
    public Optional<Instant> completedAt() {
        return Optional.ofNullable(info().completedAt());
    }

    @Override
    @SuppressWarnings("unchecked")
    public T returnValue(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 2;
        var watch = CompletionSignals.watch(runId);
        RunInfo run = info();
        String workflowName = run.workflowName();
        ChildRuns.Ending end = run.status().isTerminal() ? ending(run) : null;
        while (end == null) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new RunNotCompletedException(runId, run.status());
            }
            try {
                watch.await(Math.min(left, pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkflowException("Interrupted while waiting for run " + runId, e);
            }
            end = watch.ending(); // it ended here: the signal says how
            if (end == null) {
                pause = Math.min(MAX_POLL_MILLIS, pause * 2);
                watch = CompletionSignals.watch(runId);
                run = info();
                end = run.status().isTerminal() ? ending(run) : null;
            }
        }
        return switch (end.status()) {
            case COMPLETED -> (T) JsonCodec.fromJson(end.outputJson(), registry.require(workflowName).returnType());
            case CANCELLED -> throw new RunCancelledException(runId);
            default -> throw new RunFailedException(runId, end.errorCode(), end.errorMessage());
        };
    }

    private static ChildRuns.Ending ending(RunInfo run) {
        return new ChildRuns.Ending(run.status(), run.outputJson(), run.errorCode(), run.errorMessage());
    }

    @Override
    public void cancel() {
        control.cancel(runId, null);
    }

    @Override
    public void cancel(String reason) {
        control.cancel(runId, reason);
    }

    @Override
    public int wakeUp() {
        return control.wakeUp(runId);
    }

    @Override
    public Run<T> rerun() {
        boolean callerTransaction = transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
        return new RunHandle<>(starter.rerun(info(), registry, callerTransaction), store, control, registry, streams,
                starter, transactions);
    }

    @Override
    public boolean exists() {
        return store.find(runId) != null;
    }

    @Override
    public <C> Stream<C> getReadable(Class<C> type) {
        return getReadable(Workflows.DEFAULT_STREAM, type, 0);
    }

    @Override
    public <C> Stream<C> getReadable(String name, Class<C> type, int startIndex) {
        return StreamReader.open(streams, runId, name, type, startIndex);
    }

    @Override
    public List<StreamInfo> streams() {
        return streams.list(runId);
    }

    private RunInfo info() {
        RunInfo info = store.find(runId);
        if (info == null) {
            throw new UnknownRunException(runId);
        }
        return info;
    }

    @Override
    public String toString() {
        return "Run[" + runId + "]";
    }
}
