package dev.durable.workflow.samples;

import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.time.Duration;
import java.time.Instant;

/** Sleeps durably for the given duration ("30s", "5m", "PT1H"...) and returns the milliseconds slept. */
@Workflow("sleeping")
public class Sleeping {

    public long run(String duration) {
        Instant before = Workflows.now();
        Workflows.sleep(duration);
        return Duration.between(before, Workflows.now()).toMillis();
    }
}
