package dev.durable.workflow.api;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A point where a workflow waits for the outside world: created inside a workflow with
 * {@link Workflows#createHook}, resumed from anywhere with {@link WorkflowService#resumeHook} or
 * {@code POST /hooks/{token}}. Each payload is appended to the run's log and delivered to the
 * workflow's awaits in arrival order, each exactly once; payloads that arrive before the workflow
 * awaits are kept until it does. Waiting holds no thread, transaction or lock: the run is suspended
 * and resumed by the payload's arrival.
 *
 * <pre>{@code
 * Hook<Approval> hook = Workflows.createHook(Approval.class, HookOptions.builder().token("approval:" + id).build());
 * Optional<Approval> decision = hook.await(Duration.ofDays(7));
 * }</pre>
 *
 * <p>Iterating over a hook awaits one payload per element, without end: {@code break} out of the loop,
 * or {@link #dispose()} the hook. The token stays reserved for this run until the hook is disposed or
 * the run ends.
 *
 * @param <T> the payloads' type, decoded from JSON with JSON-B
 */
public interface Hook<T> extends Iterable<T> {

    /** The hook's id: {@code hook_} followed by a ULID. */
    String hookId();

    /** The token that resumes this hook. */
    String token();

    /** Waits durably for the next payload. */
    T await();

    /**
     * Waits durably for the next payload, at most {@code timeout} (a durable timer, measured from the
     * workflow's clock): empty when the time passed first, or when {@link Run#wakeUp()} ended the wait
     * early. A payload that arrives later is kept for the next await.
     */
    Optional<T> await(Duration timeout);

    /**
     * Releases the token: later payloads are refused with {@link UnknownHookException}. Payloads already
     * received and not awaited are dropped. Disposing twice does nothing.
     */
    void dispose();

    /** Awaits payloads one after the other, until the hook is disposed. */
    @Override
    default Iterator<T> iterator() {
        Hook<T> hook = this;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !hook.isDisposed();
            }

            @Override
            public T next() {
                if (hook.isDisposed()) {
                    throw new NoSuchElementException("The hook is disposed");
                }
                return hook.await();
            }
        };
    }

    /** Whether {@link #dispose()} was called. */
    boolean isDisposed();
}
