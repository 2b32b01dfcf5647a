package dev.durable.workflow.samples;

import dev.durable.workflow.api.Step;
import dev.durable.workflow.api.StreamWriter;
import dev.durable.workflow.api.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The step of {@link Countdown}. */
@ApplicationScoped
public class CountdownSteps {

    /** One chunk of the countdown. */
    public record Tick(int i, Instant at) {
    }

    /** Writes {@code n}, {@code n - 1}, … {@code 1} to the default stream, 100 ms apart; returns how many. */
    @Step
    public int count(int n) {
        StreamWriter<Tick> out = Workflows.getWritable();
        for (int k = n; k >= 1; k--) {
            out.write(new Tick(k, Instant.now()));
            if (k > 1) {
                sleep();
            }
        }
        return n;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
