package dev.durable.workflow.engine;

import java.time.Duration;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The engine's settings, read once from JNDI entries that server.xml may define
 * ({@code <jndiEntry jndiName="workflow/leaseSeconds" value="60"/>}); an absent entry takes its default.
 * A value that is not valid stops the engine from starting with an error naming the entry, rather than
 * being replaced by a default without a word. {@link #describe()} is logged at start.
 */
public final class EngineConfig {
    /** How long a delivery's lease on a run lasts without progress before another delivery may take it. */
    public static final Duration LEASE = seconds("workflow/leaseSeconds", 60, 5);
    /** How long one delivery executes new steps before it hands the run to a fresh delivery. */
    public static final Duration DELIVERY_BUDGET = seconds("workflow/deliveryBudgetSeconds", 30, 1);
    /**
     * How often recovery looks for due runs (pending, a wake-up passed, a lease expired) that have had no
     * delivery for that long, and enqueues them again: a new run's message may be lost, as it is sent
     * after the run's commit.
     */
    public static final Duration RECOVERY = seconds("workflow/recoverySeconds", 5, 1);
    /** How long any other live run may show no progress, with no live lease, before recovery enqueues it again. */
    public static final Duration STALL = seconds("workflow/stallSeconds", 120, 10);
    /** How long a webhook's HTTP request waits for the run's response before it is answered 504. */
    public static final Duration WEBHOOK_RESPONSE = seconds("workflow/webhookResponseSeconds", 30, 1);

    /** How long after the start something must have consumed the run queue, or the engine refuses runs. */
    public static final Duration LISTENER_CHECK = seconds("workflow/listenerCheckSeconds", 30, 1);

    /** The longest log a run may have; a run that would grow past it fails with MAX_EVENTS_EXCEEDED. */
    public static final int MAX_EVENTS = (int) number("workflow/maxEvents", 25_000, 10, Integer.MAX_VALUE);
    /** How many times a run's message may fail outside user code before the run fails with MAX_DELIVERIES_EXCEEDED. */
    public static final int MAX_DELIVERIES = (int) number("workflow/maxDeliveries", 10, 1, 1000);
    /** Terminal runs are purged this many days after they ended, by a daily purgeRuns job; 0: never. */
    public static final int RETENTION_DAYS = (int) number("workflow/retentionDays", 0, 0, 100_000);
    /** The REST API's base URL, as clients reach it. */
    public static final String BASE_URL = url("workflow/baseUrl", "http://localhost:9080/workflow/api");

    private EngineConfig() {
    }

    /** The settings in effect, for the start-up log. */
    public static String describe() {
        return "lease " + LEASE.toSeconds() + " s, delivery budget " + DELIVERY_BUDGET.toSeconds() + " s, recovery every "
                + RECOVERY.toSeconds() + " s, stall sweep after "
                + STALL.toSeconds() + " s, webhook response " + WEBHOOK_RESPONSE.toSeconds() + " s, listener check "
                + LISTENER_CHECK.toSeconds() + " s, max events " + MAX_EVENTS
                + ", max deliveries " + MAX_DELIVERIES + ", retention " + (RETENTION_DAYS == 0 ? "off" : RETENTION_DAYS + " days")
                + ", base URL " + BASE_URL;
    }

    private static long number(String jndiName, long defaultValue, long min, long max) {
        String text = lookup(jndiName);
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("The JNDI entry " + jndiName + " (server.xml) must be a whole number from " + min
                + " to " + max + ", not '" + text + "'");
    }

    private static Duration seconds(String jndiName, long defaultSeconds, long min) {
        return Duration.ofSeconds(number(jndiName, defaultSeconds, min, 365L * 24 * 3600));
    }

    private static String url(String jndiName, String defaultValue) {
        String text = lookup(jndiName);
        if (text == null) {
            return defaultValue;
        }
        String url = text.trim();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalStateException("The JNDI entry " + jndiName + " (server.xml) must be an http(s) URL, not '" + text + "'");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The entry's value, or {@code null} if it is not defined (or there is no JNDI, as in unit tests). */
    private static String lookup(String jndiName) {
        try {
            Object value = InitialContext.doLookup(jndiName);
            return value == null ? null : value.toString();
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }
}
