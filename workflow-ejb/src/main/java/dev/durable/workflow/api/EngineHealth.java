package dev.durable.workflow.api;

import java.io.Serializable;
import java.util.Map;

/**
 * The engine's health on this server, as its MicroProfile Health checks report it
 * ({@link WorkflowService#health()}): whether it takes runs, whether its database and messaging engine
 * answer now, whether it has recovered what an earlier life of the server left (leases, lost doorbells),
 * and whether its housekeeping still runs.
 *
 * @param engine whether the engine takes runs ({@link WorkflowService#status()})
 * @param database a connection to {@code jdbc/workflow} is valid within a few seconds
 * @param messaging a connection to the messaging engine of the run queue opens within a few seconds
 * @param recovery the first recovery round since the start has completed; its figures
 * @param housekeeping the engine's recovery timer has fired lately (a liveness signal)
 */
public record EngineHealth(EngineStatus engine, Check database, Check messaging, Check recovery, Check housekeeping)
        implements Serializable {

    /**
     * One check.
     *
     * @param up whether it passes
     * @param detail a sentence saying what was found, and what to do when it fails
     * @param data figures behind it, by name: counts as {@link Long}, instants and text as {@link String}
     */
    public record Check(boolean up, String detail, Map<String, Object> data) implements Serializable {
        /** A check without figures. */
        public Check(boolean up, String detail) {
            this(up, detail, Map.of());
        }
    }
}
