package dev.durable.workflow.api;

import java.io.Serializable;

/**
 * Whether the engine takes runs: it is ready once its run queue has been consumed since the start
 * (its probe message is, within moments). {@code detail} says why not when it is not ready.
 */
public record EngineStatus(boolean ready, String detail) implements Serializable {
}
