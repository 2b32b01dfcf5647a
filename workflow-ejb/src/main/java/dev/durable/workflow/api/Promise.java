package dev.durable.workflow.api;

/**
 * A step started with {@link Workflows#async} and not yet awaited. Wait for it with {@link #get()}, or
 * for several with {@link Workflows#all}, {@link Workflows#race} or {@link Workflows#any}. While it runs
 * (on any server, as its own queue message) the workflow's run is suspended, holding nothing.
 *
 * @param <T> the step's return type
 */
public interface Promise<T> {

    /**
     * Waits durably for the step and returns its result.
     *
     * @throws StepFailedException if the step failed
     */
    T get();
}
