package dev.durable.workflow.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One of a run's output streams: its name, how many chunks it has, and whether it is closed (by a step,
 * or because its run has ended).
 */
public record StreamInfo(String runId, String name, int chunks, boolean closed, Instant createdAt) implements Serializable {
}
