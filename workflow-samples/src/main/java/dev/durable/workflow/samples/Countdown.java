package dev.durable.workflow.samples;

import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/**
 * Counts down from {@code n}, about ten chunks a second, on the run's default stream: each chunk is
 * {@code {"i": k, "at": "<instant>"}}. Read it live with
 * {@code curl -N -H 'Accept: text/event-stream' .../runs/<runId>/streams/default}.
 */
@Workflow("countdown")
public class Countdown {
    @Inject
    CountdownSteps steps;

    public int run(int n) {
        return steps.count(n);
    }
}
