package dev.durable.workflow.engine;

import dev.durable.workflow.api.StepStatus;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's log folded into the durable operations the workflow performed, in the order it performed
 * them: steps (with their attempts) and waits. Replay walks this list in step with the workflow's calls.
 */
public final class History {

    /** A durable operation of the workflow. */
    public sealed interface Op permits StepOp, WaitOp {
        /** The operation's id (its events' correlation id). */
        String id();
    }

    /** A step and what its events say about it. */
    public static final class StepOp implements Op {
        final String id;
        String name;
        String inputJson = "[]";
        int attempts;
        StepStatus status = StepStatus.PENDING;
        String outputJson;
        String errorType;
        String errorMessage;
        Instant createdAt;
        Instant startedAt;
        Instant completedAt;
        Instant retryAfter;
        int outcomeSeq = -1;

        StepOp(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public String inputJson() {
            return inputJson;
        }

        public int attempts() {
            return attempts;
        }

        public StepStatus status() {
            return status;
        }

        public String outputJson() {
            return outputJson;
        }

        public String errorType() {
            return errorType;
        }

        public String errorMessage() {
            return errorMessage;
        }

        public Instant createdAt() {
            return createdAt;
        }

        public Instant startedAt() {
            return startedAt;
        }

        public Instant completedAt() {
            return completedAt;
        }

        /** When the next attempt is due, while the step is waiting to be retried. */
        public Instant retryAfter() {
            return retryAfter;
        }

        /** The position in the log of the step's final outcome, -1 while it has none. */
        public int outcomeSeq() {
            return outcomeSeq;
        }

        boolean finished() {
            return status == StepStatus.COMPLETED || status == StepStatus.FAILED;
        }
    }

    /** A durable sleep. */
    public static final class WaitOp implements Op {
        final String id;
        Instant resumeAt;
        Instant completedAt;

        WaitOp(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        public Instant resumeAt() {
            return resumeAt;
        }

        public Instant completedAt() {
            return completedAt;
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private final Map<String, Op> byId = new HashMap<>();

    /** Folds a log (or any part of it that holds whole operations), in log order. */
    public static History of(List<Event> events) {
        History h = new History();
        events.forEach(h::apply);
        return h;
    }

    /** The operations in the order the workflow performed them. */
    public List<Op> ops() {
        return ops;
    }

    /** The steps, in order. */
    public List<StepOp> steps() {
        return ops.stream().filter(StepOp.class::isInstance).map(StepOp.class::cast).toList();
    }

    /** The step with this id, or {@code null}. */
    public StepOp step(String id) {
        return byId.get(id) instanceof StepOp s ? s : null;
    }

    /** The waits that have not completed. */
    public List<WaitOp> pendingWaits() {
        return ops.stream().filter(WaitOp.class::isInstance).map(WaitOp.class::cast)
                .filter(w -> w.completedAt == null).toList();
    }

    void apply(Event e) {
        if (e.correlationId() == null) {
            return;
        }
        JsonObject data = EventData.object(e.data());
        switch (e.type()) {
            case STEP_CREATED -> {
                StepOp s = new StepOp(e.correlationId());
                s.name = data.getString("stepName");
                s.inputJson = EventData.raw(data, "input", "[]");
                s.createdAt = e.createdAt();
                add(s);
            }
            case STEP_STARTED -> step(e).ifPresent(s -> {
                s.attempts = data.getInt("attempt", s.attempts + 1);
                s.startedAt = e.createdAt();
                s.status = StepStatus.RUNNING;
                s.retryAfter = null;
            });
            case STEP_COMPLETED -> step(e).ifPresent(s -> {
                s.outputJson = EventData.raw(data, "output", "null");
                s.completedAt = e.createdAt();
                s.status = StepStatus.COMPLETED;
                s.outcomeSeq = e.seq();
            });
            case STEP_FAILED -> step(e).ifPresent(s -> {
                s.errorType = data.getString("errorType", null);
                s.errorMessage = data.getString("errorMessage", null);
                if (data.getBoolean("fatal", true)) {
                    s.completedAt = e.createdAt();
                    s.status = StepStatus.FAILED;
                    s.outcomeSeq = e.seq();
                }
            });
            case STEP_RETRYING -> step(e).ifPresent(s -> {
                s.retryAfter = EventData.instant(data, "retryAfter");
                s.status = StepStatus.PENDING;
            });
            case WAIT_CREATED -> {
                WaitOp w = new WaitOp(e.correlationId());
                w.resumeAt = EventData.instant(data, "resumeAt");
                add(w);
            }
            case WAIT_COMPLETED -> {
                if (byId.get(e.correlationId()) instanceof WaitOp w && w.completedAt == null) {
                    w.completedAt = e.createdAt();
                }
            }
            default -> {
            }
        }
    }

    private void add(Op op) {
        ops.add(op);
        byId.put(op.id(), op);
    }

    private java.util.Optional<StepOp> step(Event e) {
        return byId.get(e.correlationId()) instanceof StepOp s ? java.util.Optional.of(s) : java.util.Optional.empty();
    }
}
