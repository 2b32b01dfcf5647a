package dev.durable.workflow.api;

/**
 * A run started from inside a workflow with {@link Workflows#start}. Starting it is recorded like a step,
 * so replay never starts it twice.
 *
 * @param <T> the child workflow's return type
 */
public interface ChildRun<T> {

    /** The child run's id. */
    String runId();

    /**
     * Waits, durably, for the child run to end and returns its result. The parent is suspended while
     * it waits, holding nothing, and is resumed when the child ends.
     *
     * @throws StepFailedException if the child failed or was cancelled
     */
    T result();
}
