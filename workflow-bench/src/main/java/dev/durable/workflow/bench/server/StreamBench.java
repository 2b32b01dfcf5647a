package dev.durable.workflow.bench.server;

import dev.durable.workflow.api.Step;
import dev.durable.workflow.api.StreamWriter;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's stream writer: one step writes {@code chunks} chunks of about 100 bytes to the default
 * stream, {@code pauseMs} apart, after waiting {@code delayMs} for readers to connect; it records when
 * each {@code write} returned (nanoTime) under {@code key}, for {@link BenchResource} to compare with
 * when readers received the chunk.
 */
@Workflow("streamBench")
public class StreamBench {
    /** When each write returned, by the run's key. */
    static final Map<String, long[]> RETURNED = new ConcurrentHashMap<>();

    @Inject
    Steps steps;

    public long run(String key, int chunks, int pauseMs, int delayMs) {
        return steps.write(key, chunks, pauseMs, delayMs);
    }

    /** The writing step. */
    @ApplicationScoped
    public static class Steps {
        /** About 100 bytes of JSON with the index. */
        public record Chunk(int i, String text) {
        }

        private static final String TEXT = "x".repeat(80);

        /** Writes the chunks; returns the nanoseconds from the first write's call to the last one's return. */
        @Step("streamBench.write")
        public long write(String key, int chunks, int pauseMs, int delayMs) {
            StreamWriter<Chunk> out = Workflows.getWritable();
            long[] returned = new long[chunks];
            RETURNED.put(key, returned);
            pause(delayMs);
            long t0 = System.nanoTime();
            for (int i = 0; i < chunks; i++) {
                out.write(new Chunk(i, TEXT));
                returned[i] = System.nanoTime();
                pause(pauseMs);
            }
            return returned[chunks - 1] - t0;
        }

        private static void pause(int ms) {
            if (ms > 0) {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
