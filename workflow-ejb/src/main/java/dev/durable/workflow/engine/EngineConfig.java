package dev.durable.workflow.engine;

import java.time.Duration;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The engine's tunables, read from JNDI entries that server.xml may define
 * ({@code <jndiEntry jndiName="workflow/leaseSeconds" value="60"/>}); absent entries take the defaults.
 */
public final class EngineConfig {
    /** How long a delivery's lease on a run lasts without progress before another delivery may take it. */
    public static final Duration LEASE = seconds("workflow/leaseSeconds", 60);
    /** How long one delivery executes new steps before it hands the run to a fresh delivery. */
    public static final Duration DELIVERY_BUDGET = seconds("workflow/deliveryBudgetSeconds", 30);
    /** How long a run may show no progress, with no live lease, before the sweeper enqueues it again. */
    public static final Duration STALL = seconds("workflow/stallSeconds", 120);

    /** The longest log a run may have; a run that would grow past it fails with MAX_EVENTS_EXCEEDED. */
    public static final int MAX_EVENTS = (int) number("workflow/maxEvents", 25_000);
    /** How many times a run's message may fail outside user code before the run fails with MAX_DELIVERIES_EXCEEDED. */
    public static final int MAX_DELIVERIES = (int) number("workflow/maxDeliveries", 10);
    /** The REST API's base URL, as clients reach it. */
    public static final String BASE_URL = text("workflow/baseUrl", "http://localhost:9080/workflow/api");

    private EngineConfig() {
    }

    private static long number(String jndiName, long defaultValue) {
        try {
            return Long.parseLong(text(jndiName, Long.toString(defaultValue)).trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    private static String text(String jndiName, String defaultValue) {
        try {
            Object value = InitialContext.doLookup(jndiName);
            return value == null ? defaultValue : value.toString();
        } catch (NamingException | RuntimeException e) {
            return defaultValue;
        }
    }

    private static Duration seconds(String jndiName, long defaultSeconds) {
        try {
            Object value = InitialContext.doLookup(jndiName);
            return Duration.ofSeconds(Long.parseLong(value.toString().trim()));
        } catch (NamingException | RuntimeException e) {
            return Duration.ofSeconds(defaultSeconds);
        }
    }
}
