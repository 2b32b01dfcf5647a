package dev.durable.workflow.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * What a delivery's replay works with.
 *
 * @param journal where progress is saved
 * @param children starts child runs and reads how they ended
 * @param dispatcher enqueues parallel steps
 * @param stepServices what running steps may ask for: whether their run was cancelled, answering a webhook
 * @param clock the source of every recorded timestamp
 * @param budget how long one delivery may execute new steps before it hands over to a new delivery
 * @param maxEvents the longest log a run may have; beyond it the run fails with MAX_EVENTS_EXCEEDED
 * @param baseUrl the REST API's base URL, for {@code Workflows.metadata().url()}
 */
public record Environment(Journal journal, ChildRuns children, StepDispatcher dispatcher, StepServices stepServices,
                          Clock clock, Duration budget, int maxEvents, String baseUrl) {
}
