package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventInfo;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.RunAlreadyTerminalException;
import dev.durable.workflow.api.RunFailedException;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepInfo;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.api.WorkflowMetadata;
import dev.durable.workflow.api.WorkflowService;
import dev.durable.workflow.it.fixtures.RetryFixtures;
import dev.durable.workflow.samples.ParentChild;
import dev.durable.workflow.samples.RetryCounter;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Steps that survive failure: retries and their delays, fatal errors, sleeps, child runs, poison messages. */
@ExtendWith(ArquillianExtension.class)
class DurabilityIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        return TestEar.withTestClasses(DurabilityIT.class);
    }

    @EJB
    WorkflowService workflows;

    @EJB
    InspectorAsAdmin inspector;

    @Test
    void aStepThatFailsTwiceSucceedsOnItsThirdAttemptOneSecondApart() {
        Run<Integer> run = workflows.start(RetryCounter.class, List.of());
        assertEquals(3, run.returnValue(WAIT));
        StepInfo step = steps(run).get(0);
        assertEquals(StepStatus.COMPLETED, step.status());
        assertEquals(3, step.attempt());
        List<EventInfo> events = events(run);
        assertEquals(2, count(events, EventType.STEP_FAILED));
        assertEquals(2, count(events, EventType.STEP_RETRYING));
        assertEquals(3, count(events, EventType.STEP_STARTED));
        List<Instant> starts = times(events, EventType.STEP_STARTED);
        List<Instant> due = retryAfters(events);
        for (int i = 0; i < 2; i++) {
            assertFalse(starts.get(i + 1).isBefore(due.get(i)), "attempt " + (i + 2) + " started before it was due");
            assertTrue(Duration.between(starts.get(i), due.get(i)).toMillis() >= 1000, "the default delay is 1 s");
        }
    }

    @Test
    void backoffDoublesTheDelayAndTheLastFailureFailsTheRun() {
        Run<Integer> run = workflows.start("alwaysFails", List.of("no luck"));
        RunFailedException e = assertThrows(RunFailedException.class, () -> run.returnValue(WAIT));
        assertEquals(ErrorCode.USER_ERROR, e.errorCode());
        assertEquals("no luck", e.errorMessage());
        StepInfo step = steps(run).get(0);
        assertEquals(StepStatus.FAILED, step.status());
        assertEquals(4, step.attempt(), "3 retries after the first attempt");
        List<Instant> starts = times(events(run), EventType.STEP_STARTED);
        long[] least = {200, 400, 800};
        for (int i = 0; i < 3; i++) {
            long gap = Duration.between(starts.get(i), starts.get(i + 1)).toMillis();
            assertTrue(gap >= least[i], "gap " + (i + 1) + " was " + gap + " ms, at least " + least[i] + " expected");
        }
        List<EventInfo> failed = events(run).stream().filter(ev -> ev.eventType() == EventType.STEP_FAILED).toList();
        assertFalse(json(failed.get(2).eventDataJson()).getBoolean("fatal"));
        assertTrue(json(failed.get(3).eventDataJson()).getBoolean("fatal"));
    }

    @Test
    void aRetryableErrorIsRetriedNoEarlierThanItAsked() {
        Run<Integer> run = workflows.start("rateLimited", List.of());
        assertEquals(2, run.returnValue(WAIT));
        List<Instant> starts = times(events(run), EventType.STEP_STARTED);
        assertTrue(Duration.between(starts.get(0), starts.get(1)).toMillis() >= 700);
    }

    @Test
    void aStepWithNoRetriesFailsAtOnce() {
        Run<Integer> run = workflows.start("once", List.of("bad input"));
        RunFailedException e = assertThrows(RunFailedException.class, () -> run.returnValue(WAIT));
        assertEquals("bad input", e.errorMessage());
        assertEquals(1, steps(run).get(0).attempt());
    }

    @Test
    void aFatalErrorIsNotRetriedAndTheWorkflowCompensates() {
        Run<String> run = workflows.start("fatalError", List.of("order-9"));
        assertEquals("cancelled order-9 after: card declined for order-9", run.returnValue(WAIT));
        List<StepInfo> steps = steps(run);
        assertEquals(1, steps.get(0).attempt());
        assertEquals(StepStatus.FAILED, steps.get(0).status());
        assertEquals("dev.durable.workflow.api.FatalError", steps.get(0).errorType());
        assertEquals(StepStatus.COMPLETED, steps.get(1).status());
    }

    @Test
    void theStepIdStaysTheSameAcrossRetries() {
        String key = "meta-" + UUID.randomUUID();
        Run<String> run = workflows.start("flaky", List.of(key, 2));
        String stepId = run.returnValue(WAIT);
        assertEquals(steps(run).get(0).stepId(), stepId);
        assertEquals(List.of(stepId + "/1", stepId + "/2", stepId + "/3"), RetryFixtures.SEEN.get(key));
    }

    @Test
    void aWorkflowKnowsItsMetadata() {
        Run<WorkflowMetadata> run = workflows.start("meta", List.of());
        WorkflowMetadata meta = run.returnValue(WAIT);
        assertEquals(run.runId(), meta.runId());
        assertEquals("meta", meta.workflowName());
        assertEquals(run.startedAt().orElseThrow(), meta.startedAt());
        assertTrue(meta.url().endsWith("/workflow/api/runs/" + run.runId()), meta.url());
    }

    @Test
    void aSleepSuspendsTheRunAndResumesItOnTime() {
        Instant before = Instant.now();
        Run<Long> run = workflows.start("sleeping", List.of("2s"));
        long slept = run.returnValue(WAIT);
        assertTrue(slept >= 2000, "slept " + slept + " ms");
        List<EventInfo> events = events(run);
        Instant created = times(events, EventType.WAIT_CREATED).get(0);
        Instant completed = times(events, EventType.WAIT_COMPLETED).get(0);
        Instant resumeAt = Instant.parse(json(events.stream().filter(e -> e.eventType() == EventType.WAIT_CREATED)
                .findFirst().orElseThrow().eventDataJson()).getString("resumeAt"));
        // the resume time is the workflow's clock (frozen at the run's start) plus 2 s
        long planned = Duration.between(created, resumeAt).toMillis();
        assertTrue(planned > 1500 && planned <= 2000, "planned " + planned + " ms");
        assertFalse(completed.isBefore(resumeAt));
        assertTrue(Duration.between(before, Instant.now()).toMillis() >= 2000);
    }

    @Test
    void wakeUpEndsASleepEarly() throws Exception {
        Run<Long> run = workflows.start("sleeping", List.of("1h"));
        awaitEvent(run, EventType.WAIT_CREATED);
        assertEquals(1, run.wakeUp());
        assertTrue(run.returnValue(WAIT) < 3_600_000);
        EventInfo woke = events(run).stream().filter(e -> e.eventType() == EventType.WAIT_COMPLETED).findFirst().orElseThrow();
        assertTrue(json(woke.eventDataJson()).getBoolean("early"));
        assertThrows(RunAlreadyTerminalException.class, run::wakeUp);
    }

    @Test
    void aChildRunIsStartedOnceAndItsResultReturned() {
        Run<Integer> run = workflows.start(ParentChild.class, List.of(5));
        assertEquals(15, run.returnValue(WAIT));
        List<StepInfo> steps = steps(run);
        assertEquals("start(addTen)", steps.get(0).stepName());
        assertEquals("await(addTen)", steps.get(1).stepName());
        String childId = json("{\"v\":" + steps.get(0).outputJson() + "}").getString("v");
        RunInfo child = inspector.findRun(childId).orElseThrow();
        assertEquals("addTen", child.workflowName());
        assertEquals(RunStatus.COMPLETED, child.status());
        assertEquals("15", child.outputJson());
    }

    @Test
    void aPoisonMessageFailsTheRunWithMaxDeliveriesExceeded() {
        Run<Integer> run = workflows.start("poison", List.of());
        RunFailedException e = assertThrows(RunFailedException.class, () -> run.returnValue(WAIT));
        assertEquals(ErrorCode.MAX_DELIVERIES_EXCEEDED, e.errorCode());
    }

    @Test
    void anOverlongLogFailsWithMaxEventsExceeded() {
        // the test servers set workflow.maxEvents=3000: 1000 steps need 3000 events and the run's own
        Run<Integer> run = workflows.start("counting", List.of("long-" + UUID.randomUUID(), 1000, 0));
        RunFailedException e = assertThrows(RunFailedException.class, () -> run.returnValue(WAIT));
        assertEquals(ErrorCode.MAX_EVENTS_EXCEEDED, e.errorCode());
        assertTrue(inspector.listEvents(run.runId(), 1, null).data().size() <= 3000);
    }

    @Test
    void oneHundredParallelStepsAreSummed() {
        Run<Integer> run = workflows.start("parallelSum", List.of(100));
        assertEquals(5050, run.returnValue(WAIT));
        List<StepInfo> steps = steps(run);
        assertEquals(100, steps.size());
        assertTrue(steps.stream().allMatch(st -> st.status() == StepStatus.COMPLETED && st.attempt() == 1));
    }

    @Test
    void aThousandParallelStepsCompleteWithNoLostResult() {
        Run<Integer> run = workflows.start("parallelSum", List.of(1000));
        assertEquals(500500, run.returnValue(Duration.ofSeconds(120)));
        assertEquals(1000, inspector.listSteps(run.runId(), 1000, null).data().size());
    }

    @Test
    void raceAnyAndAllOverParallelSteps() {
        assertEquals("fast", workflows.<String>start("parallelMix", List.of("race")).returnValue(WAIT));
        assertEquals("slow", workflows.<String>start("parallelMix", List.of("any")).returnValue(WAIT));
        assertEquals("caught failing failed", workflows.<String>start("parallelMix", List.of("all")).returnValue(WAIT));
        assertEquals("slow,fast", workflows.<String>start("parallelMix", List.of("allOk")).returnValue(WAIT));
    }

    private List<StepInfo> steps(Run<?> run) {
        return inspector.listSteps(run.runId(), 1000, null).data();
    }

    private List<EventInfo> events(Run<?> run) {
        return inspector.listEvents(run.runId(), 1000, null).data();
    }

    private void awaitEvent(Run<?> run, EventType type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (events(run).stream().anyMatch(e -> e.eventType() == type)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " in run " + run.runId());
    }

    private static long count(List<EventInfo> events, EventType type) {
        return events.stream().filter(e -> e.eventType() == type).count();
    }

    private static List<Instant> times(List<EventInfo> events, EventType type) {
        return events.stream().filter(e -> e.eventType() == type).map(EventInfo::createdAt).toList();
    }

    private static List<Instant> retryAfters(List<EventInfo> events) {
        return events.stream().filter(e -> e.eventType() == EventType.STEP_RETRYING)
                .map(e -> Instant.parse(json(e.eventDataJson()).getString("retryAfter"))).toList();
    }

    private static JsonObject json(String text) {
        assertNotNull(text);
        return Json.createReader(new StringReader(text)).readObject();
    }
}
