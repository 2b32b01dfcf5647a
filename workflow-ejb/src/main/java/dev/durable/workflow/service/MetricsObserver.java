package dev.durable.workflow.service;

import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.engine.EngineObserver;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The engine's metrics in the application's MicroProfile Metrics registry (Liberty's {@code /metrics}):
 * <ul>
 *   <li>{@code workflow.runs.started} and {@code workflow.runs.ended} (tag {@code status}) by
 *       {@code workflow}, and {@code workflow.hooks.resumed} by {@code kind};</li>
 *   <li>{@code workflow.run.duration} (started to ended, by {@code workflow} and {@code status}) and
 *       {@code workflow.step.duration} (each attempt, by {@code step} and {@code outcome}), timers with
 *       histogram buckets;</li>
 *   <li>gauges {@code workflow.deliveries.inFlight} (on this server), {@code workflow.runs.pending} and
 *       {@code workflow.runs.due} (in the database, as of the last recovery round).</li>
 * </ul>
 * Only loaded when the server has a metrics feature: nothing else in the engine refers to the API.
 */
final class MetricsObserver implements EngineObserver {
    private static final Metadata STARTED = counter("workflow.runs.started", "Runs created");
    private static final Metadata ENDED = counter("workflow.runs.ended", "Runs that reached a terminal status");
    private static final Metadata HOOKS = counter("workflow.hooks.resumed", "Payloads received by hooks and webhooks");
    private static final Metadata RUN_DURATION = timer("workflow.run.duration", "From a run's start to its end");
    private static final Metadata STEP_DURATION = timer("workflow.step.duration", "One attempt of a step");

    private final MetricRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** A step's two timers (completed, failed) by step name: the registry's lookup builds tags each time. */
    private final Map<String, Timer[]> stepTimers = new ConcurrentHashMap<>();

    /**
     * The observer over the application's registry. The registry is injected into a bean rather than
     * looked up: the registry's producer reads its scope from the injection point, and a lookup has none.
     */
    static MetricsObserver create() {
        return new MetricsObserver(CDI.current().select(Registry.class).get().registry);
    }

    /** Holds the application's metric registry. */
    @Dependent
    static class Registry {
        @Inject
        MetricRegistry registry;
    }

    MetricsObserver(MetricRegistry registry) {
        this.registry = registry;
        registry.gauge(Metadata.builder().withName("workflow.deliveries.inFlight")
                .withDescription("Deliveries of runs executing on this server").build(), inFlight::get);
        registry.gauge(Metadata.builder().withName("workflow.runs.pending")
                .withDescription("Runs not yet started, as of the last recovery round").build(), () -> Housekeeping.backlog()[0]);
        registry.gauge(Metadata.builder().withName("workflow.runs.due")
                .withDescription("Runs due to execute that no delivery holds, as of the last recovery round").build(),
                () -> Housekeeping.backlog()[1]);
    }

    @Override
    public Handle delivery(String runId, String workflowName, String traceParent) {
        inFlight.incrementAndGet();
        return inFlight::decrementAndGet;
    }

    @Override
    public Handle stepAttempt(String runId, String stepId, String stepName, int attempt) {
        long began = System.nanoTime();
        return new Handle() {
            private boolean failed;

            @Override
            public void failed(Throwable failure) {
                failed = true;
            }

            @Override
            public void close() {
                stepTimers(stepName)[failed ? 1 : 0].update(Duration.ofNanos(System.nanoTime() - began));
            }
        };
    }

    private Timer[] stepTimers(String stepName) {
        return stepTimers.computeIfAbsent(stepName, name -> new Timer[] {
            registry.timer(STEP_DURATION, new Tag("step", name), new Tag("outcome", "completed")),
            registry.timer(STEP_DURATION, new Tag("step", name), new Tag("outcome", "failed"))});
    }

    @Override
    public void runStarted(String runId, String workflowName) {
        registry.counter(STARTED, new Tag("workflow", workflowName)).inc();
    }

    @Override
    public void runEnded(String runId, String workflowName, RunStatus status, Instant startedAt, Instant endedAt) {
        Tag workflow = new Tag("workflow", workflowName);
        Tag outcome = new Tag("status", status.wireName());
        registry.counter(ENDED, workflow, outcome).inc();
        if (startedAt != null && !endedAt.isBefore(startedAt)) {
            registry.timer(RUN_DURATION, workflow, outcome).update(Duration.between(startedAt, endedAt));
        }
    }

    @Override
    public void hookResumed(String runId, String kind) {
        registry.counter(HOOKS, new Tag("kind", kind)).inc();
    }

    private static Metadata counter(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    private static Metadata timer(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.SECONDS).build();
    }
}
