package dev.durable.workflow.samples.bench;

import dev.durable.workflow.api.Step;
import jakarta.enterprise.context.ApplicationScoped;

/** A step that does no I/O. */
@ApplicationScoped
public class BenchSteps {

    @Step
    public int inc(int n) {
        return n + 1;
    }

    /** Runs {@code count} steps one after another, each adding one. */
    static int chain(BenchSteps steps, int n, int count) {
        int x = n;
        for (int i = 0; i < count; i++) {
            x = steps.inc(x);
        }
        return x;
    }
}
