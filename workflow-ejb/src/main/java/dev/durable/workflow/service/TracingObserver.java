package dev.durable.workflow.service;

import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.engine.EngineObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's spans in the application's OpenTelemetry (MicroProfile Telemetry): {@code start <workflow>}
 * as a child of whatever span the caller is in, then for each delivery {@code run <workflow>} as a child
 * of that start span (its context travels in the run's row, not in the message, so a redelivery or a
 * recovery joins the same trace), with {@code step <name>} per attempt and {@code sleep} per ended sleep
 * inside it; {@code resume hook} in the resumer's trace. A step's span is current while its code runs, so
 * the calls it makes through instrumented clients join the trace too.
 */
final class TracingObserver implements EngineObserver {
    static final String WORKFLOW = "workflow.name";
    static final String RUN = "workflow.run.id";

    private final Tracer tracer;
    /** The context of each delivery on this server, by run: parallel steps run on other threads. */
    private final Map<String, Context> deliveries = new ConcurrentHashMap<>();

    /** The observer over the application's OpenTelemetry, injected into a bean for the producer's sake. */
    static TracingObserver create() {
        return new TracingObserver(CDI.current().select(Telemetry.class).get().openTelemetry.getTracer("dev.durable.workflow"));
    }

    /** Holds the application's OpenTelemetry. */
    @Dependent
    static class Telemetry {
        @Inject
        OpenTelemetry openTelemetry;
    }

    TracingObserver(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Handle start(String workflowName, List<String> runIds) {
        SpanBuilder builder = tracer.spanBuilder("start " + workflowName).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(WORKFLOW, workflowName);
        if (runIds.size() == 1) {
            builder.setAttribute(RUN, runIds.get(0));
        } else {
            builder.setAttribute("workflow.runs", runIds.size());
        }
        return new SpanHandle(builder.startSpan(), null);
    }

    @Override
    public Handle delivery(String runId, String workflowName, String traceParent) {
        Context origin = remote(traceParent);
        Span span = tracer.spanBuilder("run " + workflowName).setSpanKind(SpanKind.CONSUMER).setParent(origin)
                .setAttribute(WORKFLOW, workflowName).setAttribute(RUN, runId).startSpan();
        Context delivery = origin.with(span);
        deliveries.put(runId, delivery);
        return new SpanHandle(span, runId);
    }

    @Override
    public Handle stepAttempt(String runId, String stepId, String stepName, int attempt) {
        Span span = tracer.spanBuilder("step " + stepName).setParent(parent(runId)).setAttribute(RUN, runId)
                .setAttribute("workflow.step.id", stepId).setAttribute("workflow.step.name", stepName)
                .setAttribute("workflow.step.attempt", attempt).startSpan();
        return new SpanHandle(span, null);
    }

    @Override
    public void runEnded(String runId, String workflowName, RunStatus status, Instant startedAt, Instant endedAt) {
        Context delivery = deliveries.get(runId);
        if (delivery != null) {
            Span.fromContext(delivery).setAttribute("workflow.run.status", status.wireName());
        }
    }

    @Override
    public void sleepEnded(String runId, String waitId, Instant from, Instant until) {
        tracer.spanBuilder("sleep").setParent(parent(runId)).setStartTimestamp(from).setAttribute(RUN, runId)
                .setAttribute("workflow.wait.id", waitId).setAttribute("workflow.wait.until", until.toString())
                .startSpan().end();
    }

    @Override
    public void hookResumed(String runId, String kind) {
        tracer.spanBuilder("resume " + kind).setAttribute(RUN, runId).setAttribute("workflow.hook.kind", kind)
                .startSpan().end();
    }

    private Context parent(String runId) {
        Context delivery = deliveries.get(runId);
        return delivery != null ? delivery : Context.current();
    }

    /** The context of a span named by a W3C {@code traceparent} ({@code 00-trace-span-flags}), or the root's. */
    static Context remote(String traceParent) {
        if (traceParent == null || traceParent.length() != 55) {
            return Context.root();
        }
        SpanContext context = SpanContext.createFromRemoteParent(traceParent.substring(3, 35), traceParent.substring(36, 52),
                TraceFlags.fromHex(traceParent, 53), TraceState.getDefault());
        return context.isValid() ? Context.root().with(Span.wrap(context)) : Context.root();
    }

    /** The W3C {@code traceparent} of a span, or {@code null} if it is not a real one (tracing off). */
    static String traceParent(SpanContext context) {
        return context.isValid()
                ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex() : null;
    }

    /** A span current on this thread until closed. */
    private final class SpanHandle implements Handle {
        private final Span span;
        private final Scope scope;
        private final String deliveryOf;

        SpanHandle(Span span, String deliveryOf) {
            this.span = span;
            this.scope = span.makeCurrent();
            this.deliveryOf = deliveryOf;
        }

        @Override
        public void failed(Throwable failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }

        @Override
        public String traceParent() {
            return TracingObserver.traceParent(span.getSpanContext());
        }

        @Override
        public void close() {
            scope.close();
            if (deliveryOf != null) {
                deliveries.remove(deliveryOf);
            }
            span.end();
        }
    }
}
