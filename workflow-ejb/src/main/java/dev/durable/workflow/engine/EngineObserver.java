package dev.durable.workflow.engine;

import dev.durable.workflow.api.RunStatus;
import java.time.Instant;
import java.util.List;

/**
 * What the engine tells monitoring as it works: metrics count and time it, traces record it as spans.
 * The engine calls the installed observer ({@link #current()}) at a few points: a delivery of a run, an
 * attempt of a step, a run started or ended, a hook resumed. Implementations must be quick and must not
 * throw: they run on the engine's own threads, inside its deliveries. The default observes nothing.
 * Several observers are combined with {@link #of}.
 */
public interface EngineObserver {
    /** Observes nothing. */
    EngineObserver NONE = new EngineObserver() {
    };

    /** The observer the engine reports to. */
    static EngineObserver current() {
        return Installed.observer;
    }

    /** Makes {@code observer} the one the engine reports to ({@link #NONE} to stop). */
    static void install(EngineObserver observer) {
        Installed.observer = observer == null ? NONE : observer;
    }

    /** Observes with each of {@code observers} in turn; a trace context comes from the first that has one. */
    static EngineObserver of(List<EngineObserver> observers) {
        return observers.isEmpty() ? NONE : observers.size() == 1 ? observers.get(0) : new ObserverChain(observers);
    }

    /**
     * Runs {@code runIds} of {@code workflowName} are being created on this thread (committed when the handle
     * closes without {@link Handle#failed}); the runs record the handle's {@link Handle#traceParent()}.
     */
    default Handle start(String workflowName, List<String> runIds) {
        return Handle.NONE;
    }

    /**
     * A delivery of run {@code runId} begins on this thread; the handle is closed when it ends.
     *
     * @param traceParent the W3C {@code traceparent} of the trace that started the run, or {@code null}
     */
    default Handle delivery(String runId, String workflowName, String traceParent) {
        return Handle.NONE;
    }

    /** Attempt {@code attempt} of a step begins on this thread; the handle is told its outcome. */
    default Handle stepAttempt(String runId, String stepId, String stepName, int attempt) {
        return Handle.NONE;
    }

    /** A run was created (its transaction committed). */
    default void runStarted(String runId, String workflowName) {
    }

    /** A run reached {@code status}, a terminal one; it had started at {@code startedAt} (or was created then). */
    default void runEnded(String runId, String workflowName, RunStatus status, Instant startedAt, Instant endedAt) {
    }

    /** A sleep of the run ended: it began at {@code from} and was due at {@code until}. */
    default void sleepEnded(String runId, String waitId, Instant from, Instant until) {
    }

    /** A hook (or webhook: {@code kind}) of the run received a payload. */
    default void hookResumed(String runId, String kind) {
    }

    /** Something observed that takes time: closed when it ends, after {@link #failed} if it failed. */
    interface Handle extends AutoCloseable {
        /** Observes nothing. */
        Handle NONE = () -> {
        };

        /** It failed with {@code failure}. */
        default void failed(Throwable failure) {
        }

        /** The W3C {@code traceparent} of the span this stands for, or {@code null} when it is not traced. */
        default String traceParent() {
            return null;
        }

        @Override
        void close();
    }

    /** The installed observer. */
    final class Installed {
        private static volatile EngineObserver observer = NONE;

        private Installed() {
        }
    }
}
