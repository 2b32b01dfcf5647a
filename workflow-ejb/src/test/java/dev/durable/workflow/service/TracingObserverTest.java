package dev.durable.workflow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

/** A run records its start span as a W3C {@code traceparent}, and its deliveries continue that trace. */
class TracingObserverTest {
    private static final String TRACE_PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceParentRoundTrips() {
        Context remote = TracingObserver.remote(TRACE_PARENT);

        assertEquals(TRACE_PARENT, TracingObserver.traceParent(Span.fromContext(remote).getSpanContext()));
        assertEquals(true, Span.fromContext(remote).getSpanContext().isRemote());
    }

    @Test
    void anUnsampledParentStaysUnsampled() {
        String unsampled = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

        assertEquals(unsampled, TracingObserver.traceParent(Span.fromContext(TracingObserver.remote(unsampled)).getSpanContext()));
    }

    @Test
    void noOrABrokenTraceParentStartsANewTrace() {
        for (String broken : new String[] {null, "", "00-xyz", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0"}) {
            assertEquals(Context.root(), TracingObserver.remote(broken), String.valueOf(broken));
        }
    }

    @Test
    void withTracingOffNothingIsRecorded() {
        TracingObserver observer = new TracingObserver(TracerProvider.noop().get("test"));

        try (var start = observer.start("orders", java.util.List.of("wrun_1"))) {
            assertNull(start.traceParent(), "a run started without tracing records no trace context");
        }
        try (var delivery = observer.delivery("wrun_1", "orders", TRACE_PARENT);
             var step = observer.stepAttempt("wrun_1", "step_1", "charge", 1)) {
            // a no-op span still continues the run's trace as its current context
            assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", Span.current().getSpanContext().getTraceId());
        }
        assertEquals(Context.root(), Context.current());
    }
}
