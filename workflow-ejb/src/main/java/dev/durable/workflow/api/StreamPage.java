package dev.durable.workflow.api;

import java.io.Serializable;
import java.util.List;

/**
 * Chunks of a stream read from an index: {@code chunks} in order, {@code next} the index to read from
 * after them, {@code total} the chunks in the stream when they were read, and whether it was closed
 * then (once it is, no chunk comes after {@code total}).
 */
public record StreamPage(List<StreamChunk> chunks, int next, int total, boolean closed) implements Serializable {

    /** Whether a reader at {@code next} has read the whole stream for good. */
    public boolean finished() {
        return closed && next >= total;
    }
}
