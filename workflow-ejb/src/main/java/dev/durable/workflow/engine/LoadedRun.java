package dev.durable.workflow.engine;

import java.time.Instant;
import java.util.List;

/**
 * A run as a delivery sees it after claiming it: the row's facts and the step and wait events of its log.
 *
 * @param leaseToken the fencing token this delivery holds; every write checks it
 * @param eventCount the length of the log; writes check it too, so the log never forks
 * @param parentRunId the run that started this one as a child, or {@code null}
 * @param traceParent the W3C {@code traceparent} of the span that started it, or {@code null}
 */
public record LoadedRun(String runId, String workflowName, String inputJson, Instant startedAt,
                        String leaseToken, int eventCount, List<Event> events, String parentRunId,
                        String traceParent) {
}
