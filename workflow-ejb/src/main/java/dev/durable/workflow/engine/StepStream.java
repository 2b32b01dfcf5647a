package dev.durable.workflow.engine;

import dev.durable.workflow.api.StreamWriter;
import dev.durable.workflow.codec.JsonCodec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A step's writer of one of its run's streams. Writing is not part of the replayed log: a chunk is
 * saved at once in its own transaction ({@link StepServices#appendChunk}), so it is durable and readable
 * when {@code write} returns, and a failed attempt's chunks stay.
 */
final class StepStream<T> implements StreamWriter<T> {
    /** Stream names go into URLs as they are: letters, digits and {@code . _ ~ : -}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~:-]{1,100}");

    private final String runId;
    private final String name;
    private final StepServices services;

    private StepStream(String runId, String name, StepServices services) {
        this.runId = runId;
        this.name = name;
        this.services = services;
    }

    /** The stream {@code name} of the step's run, created if it is new. */
    static <T> StepStream<T> open(StepScope step, String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A stream's name is 1 to 100 letters, digits or . _ ~ : - but was '" + name + "'");
        }
        step.services().openStream(step.runId(), name);
        return new StepStream<>(step.runId(), name, step.services());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int write(T chunk) {
        return services.appendChunk(runId, name, JsonCodec.toJson(chunk));
    }

    @Override
    public void close() {
        services.closeStream(runId, name);
    }
}
