package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.durable.workflow.api.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding a log into the workflow's operations. */
class HistoryTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    private static final String ERROR = "java.lang.IllegalStateException";

    /** The events at positions 1, 2, ... of a log. */
    private static List<Event> log(Event... events) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            out.add(new Event(out.size() + 1, e.type(), e.correlationId(), e.createdAt(), e.data()));
        }
        return out;
    }

    private static Instant at(int seconds) {
        return T.plusSeconds(seconds);
    }

    /** A step that failed twice, each time with a retry scheduled 10 s later. */
    private static Event[] failedTwice(String id) {
        return new Event[] {
            EventData.stepCreated(id, at(0), "Pay.charge", "[42]"),
            EventData.stepStarted(id, at(0), 1),
            EventData.stepFailed(id, at(1), 1, ERROR, "first failure", false),
            EventData.stepRetrying(id, at(1), 1, at(11)),
            EventData.stepStarted(id, at(11), 2),
            EventData.stepFailed(id, at(12), 2, ERROR, "second failure", false),
            EventData.stepRetrying(id, at(12), 2, at(22)),
        };
    }

    private static History.StepOp retriedTwiceThenCompleted() {
        List<Event> events = new ArrayList<>(List.of(failedTwice("step_1")));
        events.add(EventData.stepStarted("step_1", at(22), 3));
        events.add(EventData.stepCompleted("step_1", at(23), "\"ok\""));
        return History.of(log(events.toArray(Event[]::new))).steps().get(0);
    }

    @Test
    void stepRetriedTwiceThenCompletedHasThreeAttemptsAndIsCompleted() {
        History.StepOp step = retriedTwiceThenCompleted();

        assertEquals(3, step.attempts());
        assertEquals(StepStatus.COMPLETED, step.status());
        assertEquals("\"ok\"", step.outputJson());
        assertEquals(at(23), step.completedAt());
    }

    @Test
    void stepRetriedThenCompletedKeepsTheLastErrorAndHasNoRetryTime() {
        History.StepOp step = retriedTwiceThenCompleted();

        assertEquals(ERROR, step.errorType());
        assertEquals("second failure", step.errorMessage());
        assertNull(step.retryAfter());
    }

    @Test
    void stepWaitingForItsRetryIsPendingWithItsRetryTime() {
        History.StepOp step = History.of(log(failedTwice("step_1"))).steps().get(0);

        assertEquals(StepStatus.PENDING, step.status());
        assertEquals(2, step.attempts());
        assertEquals(at(22), step.retryAfter());
        assertNull(step.completedAt());
    }

    @Test
    void pendingWaitsListsOnlyWaitsWithoutWaitCompleted() {
        History history = History.of(log(
                EventData.waitCreated("wait_1", at(0), at(60)),
                EventData.waitCompleted("wait_1", at(60), false),
                EventData.stepCreated("step_1", at(60), "Calc.add", "[1,2]"),
                EventData.stepStarted("step_1", at(60), 1),
                EventData.stepCompleted("step_1", at(61), "3"),
                EventData.waitCreated("wait_2", at(61), at(61).plus(Duration.ofHours(1)))));

        List<History.WaitOp> pending = history.pendingWaits();

        assertEquals(List.of("wait_2"), pending.stream().map(History.WaitOp::id).toList());
        assertEquals(at(61).plus(Duration.ofHours(1)), pending.get(0).resumeAt());
    }

    @Test
    void opsKeepTheOrderOfStepsAndWaits() {
        History history = History.of(log(
                EventData.waitCreated("wait_1", at(0), at(60)),
                EventData.waitCompleted("wait_1", at(60), true),
                EventData.stepCreated("step_1", at(60), "Calc.add", "[1,2]")));

        assertEquals(List.of("wait_1", "step_1"), history.ops().stream().map(History.Op::id).toList());
        assertEquals(at(60), ((History.WaitOp) history.ops().get(0)).completedAt());
    }
}
