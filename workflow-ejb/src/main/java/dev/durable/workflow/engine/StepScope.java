package dev.durable.workflow.engine;

import dev.durable.workflow.api.StepMetadata;

/**
 * What a step knows while its body executes, the same for a step executed inline by its workflow's
 * delivery and for a parallel step executed by a delivery of its own: its run, its metadata and whether
 * the engine's services for it (cancellation, webhook answers).
 */
record StepScope(String runId, StepMetadata metadata, StepServices services) {
    private static final ThreadLocal<StepScope> CURRENT = new ThreadLocal<>();

    /** The step executing on this thread, or {@code null}. */
    static StepScope current() {
        return CURRENT.get();
    }

    /** Runs {@code body} as this step. */
    <R> R enter(java.util.concurrent.Callable<R> body) throws Exception {
        StepScope outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
