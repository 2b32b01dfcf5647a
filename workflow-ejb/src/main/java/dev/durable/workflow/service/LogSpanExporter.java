package dev.durable.workflow.service;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The {@code workflow-log} span exporter ({@code otel.traces.exporter=workflow-log}, the engine's
 * default): spans in the server's log, one log record per batch and one line per span with its trace,
 * span and parent ids, kind, status, duration and attributes. OpenTelemetry's own {@code logging}
 * exporter writes one record per span on the thread that ends it, which costs a step about as much as
 * its database commit; this one is batched off the engine's threads like any exporter but that one.
 */
public final class LogSpanExporter implements SpanExporter {
    private static final Logger LOG = Logger.getLogger("dev.durable.workflow.traces");

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        StringBuilder out = new StringBuilder(64 + spans.size() * 320).append(spans.size()).append(" span(s)");
        for (SpanData span : spans) {
            out.append("\n  span '").append(span.getName()).append("' trace=").append(span.getTraceId())
                    .append(" span=").append(span.getSpanId()).append(" parent=")
                    .append(span.getParentSpanContext().isValid() ? span.getParentSpanId() : "-")
                    .append(" kind=").append(span.getKind()).append(" status=").append(span.getStatus().getStatusCode())
                    .append(" ms=").append(String.format(Locale.ROOT, "%.3f",
                            (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6))
                    .append(" {");
            boolean[] first = {true};
            span.getAttributes().forEach((AttributeKey<?> key, Object value) -> {
                out.append(first[0] ? "" : ", ").append(key.getKey()).append('=').append(value);
                first[0] = false;
            });
            out.append('}');
        }
        LOG.info(out.toString());
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /** Makes the exporter known to OpenTelemetry's configuration by name (META-INF/services). */
    public static final class Provider implements ConfigurableSpanExporterProvider {
        @Override
        public SpanExporter createExporter(ConfigProperties config) {
            return new LogSpanExporter();
        }

        @Override
        public String getName() {
            return "workflow-log";
        }
    }
}
