package dev.durable.workflow.engine;

import dev.durable.workflow.api.Hook;
import dev.durable.workflow.api.HookConflictException;
import dev.durable.workflow.api.HookOptions;
import dev.durable.workflow.codec.JsonCodec;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A hook, as its workflow sees it. Creating it takes a position ({@code hook_created}, or
 * {@code hook_conflict} when another active hook holds the token). Awaits take the hook's payloads in
 * log order, the n-th await the n-th {@code hook_received}, so replay hands each await the same payload;
 * an await with no payload yet suspends the run until one arrives. An await with a timeout also takes a
 * position, its timer: the payload wins if the log holds it before the timer's {@code wait_completed},
 * and the timeout is only recorded if no payload was appended meanwhile, so the first execution and
 * every replay decide alike.
 */
final class HookCall<T> implements Hook<T> {
    private static final SecureRandom TOKENS = new SecureRandom();

    private final RunContext ctx;
    private final String hookId;
    private final String token;
    private final Class<T> type;
    /** How many payloads this execution has awaited. */
    private int consumed;

    private HookCall(RunContext ctx, String hookId, String token, Class<T> type) {
        this.ctx = ctx;
        this.hookId = hookId;
        this.token = token;
        this.type = type;
    }

    /** A hook whose payloads are decoded as {@code type}. */
    static <T> Hook<T> create(RunContext ctx, Class<T> type, HookOptions options) {
        return open(ctx, type, options.token(), JsonCodec.toJson(options.metadata()), "hook", null);
    }

    /**
     * Creates the hook, or finds it in the log.
     *
     * @param chosen the caller's token, or {@code null} for a random one
     * @param responseJson how a webhook answers its requests; {@code null} for a hook
     */
    static <T> HookCall<T> open(RunContext ctx, Class<T> type, String chosen, String metadataJson, String kind,
                                String responseJson) {
        History.HookOp logged = ctx.replay(History.HookOp.class, "a " + kind,
                op -> op.kind().equals(kind) && (chosen == null || chosen.equals(op.token())));
        if (logged != null) {
            if (logged.status() == dev.durable.workflow.api.HookStatus.CONFLICT) {
                throw new HookConflictException(logged.token());
            }
            return new HookCall<>(ctx, logged.id(), logged.token(), type);
        }
        String token = chosen != null ? chosen : randomToken();
        NewHook hook = new NewHook(Ids.next("hook_"), token, kind, type.getName(), metadataJson, responseJson, ctx.realNow());
        boolean[] conflict = new boolean[1];
        ctx.writeWith(1, () -> {
            Journal.HookCreation created = ctx.env().journal().createHook(ctx.run(), ctx.eventCount(), hook);
            conflict[0] = created.conflict();
            return created.eventCount();
        });
        if (conflict[0]) {
            throw new HookConflictException(token);
        }
        ctx.hookCreated(hook.hookId());
        return new HookCall<>(ctx, hook.hookId(), token, type);
    }

    /** 144 random bits, base64url: unguessable, and safe in a URL path. */
    static String randomToken() {
        byte[] bytes = new byte[18];
        TOKENS.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String hookId() {
        return hookId;
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public boolean isDisposed() {
        return ctx.isDisposed(hookId);
    }

    @Override
    public T await() {
        requireActive();
        while (true) {
            History.Payload p = payload();
            if (p != null) {
                return take(p);
            }
            ctx.park(null, 0);
        }
    }

    @Override
    public Optional<T> await(Duration timeout) {
        requireActive();
        History.WaitOp timer = ctx.replay(History.WaitOp.class, "a hook's await with a timeout", op -> true);
        String timerId;
        Instant resumeAt;
        if (timer == null) {
            timerId = Ids.next("wait_");
            resumeAt = Durations.end(ctx.now(), timeout, "A hook's timeout");
            ctx.write(List.of(EventData.waitCreated(timerId, ctx.realNow(), resumeAt)));
        } else {
            timerId = timer.id();
            resumeAt = timer.resumeAt();
        }
        while (true) {
            History.WaitOp t = ctx.history().waitOp(timerId);
            int timedOutAt = t == null ? -1 : t.completedSeq;
            History.Payload p = payload();
            if (p != null && (timedOutAt < 0 || p.seq() < timedOutAt)) {
                if (timedOutAt < 0) {
                    // the timer is moot: record that, so the run holds no pending wait
                    ctx.write(List.of(EventData.waitCompleted(timerId, ctx.realNow(), false)));
                }
                return Optional.of(take(p));
            }
            if (timedOutAt >= 0) {
                ctx.advanceClock(t.completedAt());
                return Optional.empty();
            }
            Instant realNow = ctx.realNow();
            if (!realNow.isBefore(resumeAt)) {
                if (ctx.writeIfUnchanged(List.of(EventData.waitCompleted(timerId, realNow, false)))) {
                    ctx.advanceClock(realNow);
                    return Optional.empty();
                }
                continue; // a payload may have come: look again
            }
            ctx.park(resumeAt, 0);
        }
    }

    @Override
    public void dispose() {
        if (isDisposed()) {
            return;
        }
        Instant at = ctx.realNow();
        ctx.writeWith(1, () -> ctx.env().journal().disposeHooks(ctx.run(), ctx.eventCount(), List.of(hookId), at));
        ctx.hookDisposed(hookId);
    }

    private void requireActive() {
        if (isDisposed()) {
            throw new IllegalStateException("Hook '" + token + "' is disposed");
        }
    }

    /** The payload the next await takes, if the log holds it. */
    private History.Payload payload() {
        History.HookOp op = ctx.history().hook(hookId);
        return op != null && op.payloads().size() > consumed ? op.payloads().get(consumed) : null;
    }

    private T take(History.Payload p) {
        consumed++;
        ctx.advanceClock(p.receivedAt());
        return type.cast(JsonCodec.fromJson(p.json(), type));
    }
}
