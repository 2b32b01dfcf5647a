package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/** A chunk of a stream as stored: its index, its JSON text and when it was written. */
public record StreamChunk(int index, String json, Instant createdAt) implements Serializable {
}
