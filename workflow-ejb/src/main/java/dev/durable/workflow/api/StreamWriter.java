package dev.durable.workflow.api;

/**
 * Writes chunks to one of a run's output streams, from a step ({@link Workflows#getWritable()}). Each
 * chunk is JSON (JSON-B), saved in its own transaction: when {@link #write} returns it is durable and
 * readers see it. Chunks of one stream keep their order and are numbered 0, 1, 2…; several steps, also
 * parallel ones, may write to one stream. Chunks written by an attempt that later fails stay in the
 * stream: a retried step that writes again appends after them.
 *
 * @param <T> the chunks' type
 */
public interface StreamWriter<T> {

    /** The stream's name; {@code "default"} for the run's default stream. */
    String name();

    /**
     * Appends a chunk, durably.
     *
     * @return the chunk's index in the stream
     * @throws IllegalStateException if the stream is closed or the run has ended
     */
    int write(T chunk);

    /** Closes the stream: readers end after its last chunk, and writing again fails. Closing twice is harmless. */
    void close();
}
