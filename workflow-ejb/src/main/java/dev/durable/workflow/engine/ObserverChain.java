package dev.durable.workflow.engine;

import dev.durable.workflow.api.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Several observers as one ({@link EngineObserver#of}): each is told everything, in order. */
final class ObserverChain implements EngineObserver {
    private final List<EngineObserver> observers;

    ObserverChain(List<EngineObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public Handle start(String workflowName, List<String> runIds) {
        return handles(observer -> observer.start(workflowName, runIds));
    }

    @Override
    public Handle delivery(String runId, String workflowName, String traceParent) {
        return handles(observer -> observer.delivery(runId, workflowName, traceParent));
    }

    @Override
    public Handle stepAttempt(String runId, String stepId, String stepName, int attempt) {
        return handles(observer -> observer.stepAttempt(runId, stepId, stepName, attempt));
    }

    @Override
    public void runStarted(String runId, String workflowName) {
        observers.forEach(observer -> observer.runStarted(runId, workflowName));
    }

    @Override
    public void runEnded(String runId, String workflowName, RunStatus status,
                         Instant startedAt, Instant endedAt) {
        observers.forEach(observer -> observer.runEnded(runId, workflowName, status, startedAt, endedAt));
    }

    @Override
    public void sleepEnded(String runId, String waitId, Instant from, Instant until) {
        observers.forEach(observer -> observer.sleepEnded(runId, waitId, from, until));
    }

    @Override
    public void hookResumed(String runId, String kind) {
        observers.forEach(observer -> observer.hookResumed(runId, kind));
    }

    private Handle handles(Function<EngineObserver, Handle> open) {
        List<Handle> handles = new ArrayList<>(observers.size());
        observers.forEach(observer -> handles.add(open.apply(observer)));
        return new Handle() {
            @Override
            public void failed(Throwable failure) {
                handles.forEach(handle -> handle.failed(failure));
            }

            @Override
            public String traceParent() {
                for (Handle handle : handles) {
                    String traceParent = handle.traceParent();
                    if (traceParent != null) {
                        return traceParent;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                // the reverse order of opening, as nested scopes close
                for (int i = handles.size() - 1; i >= 0; i--) {
                    handles.get(i).close();
                }
            }
        };
    }
}
