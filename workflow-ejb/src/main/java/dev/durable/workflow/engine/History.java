package dev.durable.workflow.engine;

import dev.durable.workflow.api.HookStatus;
import dev.durable.workflow.api.StepStatus;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's log folded into the durable operations the workflow performed, in the order it performed
 * them: steps (with their attempts), waits and hooks. Replay walks this list in step with the
 * workflow's calls. Folding is idempotent: an event already folded (by its sequence number) is ignored,
 * so a delivery may fold what it wrote itself and later read it back with others' events.
 */
public final class History {

    /** A durable operation of the workflow, at one position of its execution. */
    public sealed interface Op permits StepOp, WaitOp, HookOp {
        /** The operation's id (its events' correlation id). */
        String id();

        /** The operation as a divergence message names it, e.g. {@code "step 'charge'"}. */
        String describe();
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

        @Override
        public String describe() {
            return "step '" + name + "'";
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

        /**
         * When an attempt of this unfinished step may begin: its retry's time; while an attempt runs, when
         * that attempt would be presumed dead ({@code lease} after it began); else at once ({@code null}).
         */
        public Instant dueAt(java.time.Duration lease) {
            if (retryAfter != null) {
                return retryAfter;
            }
            return status == StepStatus.RUNNING ? startedAt.plus(lease) : null;
        }
    }

    /** A durable timer: a sleep, or the timeout of a hook's await. */
    public static final class WaitOp implements Op {
        final String id;
        Instant createdAt;
        Instant resumeAt;
        Instant completedAt;
        int completedSeq = -1;

        WaitOp(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String describe() {
            return "a sleep";
        }

        public Instant createdAt() {
            return createdAt;
        }

        public Instant resumeAt() {
            return resumeAt;
        }

        public Instant completedAt() {
            return completedAt;
        }
    }

    /** A payload a hook received. */
    public record Payload(int seq, String json, Instant receivedAt) {
    }

    /** A hook: its token, the payloads it received in log order, whether it is disposed. */
    public static final class HookOp implements Op {
        final String id;
        String token;
        String kind = "hook";
        String metadataJson = "{}";
        boolean conflict;
        Instant createdAt;
        Instant disposedAt;
        final List<Payload> payloads = new ArrayList<>();

        HookOp(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String describe() {
            return "a hook";
        }

        public String token() {
            return token;
        }

        public String kind() {
            return kind;
        }

        public String metadataJson() {
            return metadataJson;
        }

        public List<Payload> payloads() {
            return payloads;
        }

        public Instant createdAt() {
            return createdAt;
        }

        public Instant disposedAt() {
            return disposedAt;
        }

        public HookStatus status() {
            return conflict ? HookStatus.CONFLICT : disposedAt != null ? HookStatus.DISPOSED : HookStatus.ACTIVE;
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private final Map<String, Op> byId = new HashMap<>();
    private int foldedSeq = -1;

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
        return ofKind(StepOp.class);
    }

    /** The hooks, in order. */
    public List<HookOp> hooks() {
        return ofKind(HookOp.class);
    }

    private <O extends Op> List<O> ofKind(Class<O> kind) {
        return ops.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The step with this id, or {@code null}. */
    public StepOp step(String id) {
        return byId.get(id) instanceof StepOp s ? s : null;
    }

    /** The hook with this id, or {@code null}. */
    public HookOp hook(String id) {
        return byId.get(id) instanceof HookOp h ? h : null;
    }

    /** The wait with this id, or {@code null}. */
    public WaitOp waitOp(String id) {
        return byId.get(id) instanceof WaitOp w ? w : null;
    }

    /** The waits that have not completed. */
    public List<WaitOp> pendingWaits() {
        return ofKind(WaitOp.class).stream().filter(w -> w.completedAt == null).toList();
    }

    /** The hooks that hold their tokens. */
    public List<HookOp> activeHooks() {
        return hooks().stream().filter(h -> h.status() == HookStatus.ACTIVE).toList();
    }

    void apply(Event e) {
        if (e.correlationId() == null || (e.seq() >= 0 && e.seq() <= foldedSeq)) {
            return;
        }
        foldedSeq = Math.max(foldedSeq, e.seq());
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
                w.createdAt = e.createdAt();
                w.resumeAt = EventData.instant(data, "resumeAt");
                add(w);
            }
            case WAIT_COMPLETED -> {
                if (byId.get(e.correlationId()) instanceof WaitOp w && w.completedAt == null) {
                    w.completedAt = e.createdAt();
                    w.completedSeq = e.seq();
                }
            }
            case HOOK_CREATED, HOOK_CONFLICT -> {
                HookOp h = new HookOp(e.correlationId());
                h.token = data.getString("token", null);
                h.kind = data.getString("kind", "hook");
                h.metadataJson = EventData.raw(data, "metadata", "{}");
                h.createdAt = e.createdAt();
                h.conflict = e.type() == dev.durable.workflow.api.EventType.HOOK_CONFLICT;
                add(h);
            }
            case HOOK_RECEIVED -> {
                if (byId.get(e.correlationId()) instanceof HookOp h) {
                    h.payloads.add(new Payload(e.seq(), EventData.raw(data, "payload", "null"), e.createdAt()));
                }
            }
            case HOOK_DISPOSED -> {
                if (byId.get(e.correlationId()) instanceof HookOp h && h.disposedAt == null) {
                    h.disposedAt = e.createdAt();
                }
            }
            default -> {
            }
        }
    }

    private void add(Op op) {
        if (byId.putIfAbsent(op.id(), op) == null) {
            ops.add(op);
        }
    }

    private java.util.Optional<StepOp> step(Event e) {
        return byId.get(e.correlationId()) instanceof StepOp s ? java.util.Optional.of(s) : java.util.Optional.empty();
    }
}
