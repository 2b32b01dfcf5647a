package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.Promise;
import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parallel steps ({@code Workflows.async} with {@code all}, {@code race}, {@code any}) without a server:
 * the first delivery journals the {@code step_created} events and dispatches them; later deliveries
 * decide from the outcomes that the step executors appended to the log (written here by hand).
 */
class ParallelStepsTest {
    private static final Instant T0 = TestRuns.STARTED_AT.plus(Duration.ofHours(1));

    private final Calc calc = new Calc();
    private final List<List<String>> dispatched = new ArrayList<>();
    private final StepDispatcher dispatcher = (runId, stepIds) -> dispatched.add(List.copyOf(stepIds));

    // ---- fixtures ----

    /** Starts {@code x+1}, {@code x+2}, {@code x+3} in parallel and returns their sums with all(). */
    @Workflow
    public static class AllThree {
        private final Calc calc;

        AllThree(Calc calc) {
            this.calc = calc;
        }

        public List<Integer> run(int x) {
            Promise<Integer> a = Workflows.async(() -> calc.add(x, 1));
            Promise<Integer> b = Workflows.async(() -> calc.add(x, 2));
            Promise<Integer> c = Workflows.async(() -> calc.add(x, 3));
            return Workflows.all(List.of(a, b, c));
        }
    }

    /** AllThree, catching the failure of all() and returning its step's message. */
    @Workflow
    public static class AllThreeCatching {
        private final Calc calc;

        AllThreeCatching(Calc calc) {
            this.calc = calc;
        }

        public String run(int x) {
            Promise<Integer> a = Workflows.async(() -> calc.add(x, 1));
            Promise<Integer> b = Workflows.async(() -> calc.add(x, 2));
            Promise<Integer> c = Workflows.async(() -> calc.add(x, 3));
            try {
                return "ok:" + Workflows.all(List.of(a, b, c));
            } catch (StepFailedException e) {
                return "failed:" + e.stepName() + ":" + e.errorMessage();
            }
        }
    }

    /** Races {@code x+1} against {@code x+2}. */
    @Workflow
    public static class RaceTwo {
        private final Calc calc;

        RaceTwo(Calc calc) {
            this.calc = calc;
        }

        public int run(int x) {
            Promise<Integer> a = Workflows.async(() -> calc.add(x, 1));
            Promise<Integer> b = Workflows.async(() -> calc.add(x, 2));
            return Workflows.race(List.of(a, b));
        }
    }

    /** any() of {@code x+1} and {@code x+2}, catching the failure of both. */
    @Workflow
    public static class AnyTwo {
        private final Calc calc;

        AnyTwo(Calc calc) {
            this.calc = calc;
        }

        public String run(int x) {
            Promise<Integer> a = Workflows.async(() -> calc.add(x, 1));
            Promise<Integer> b = Workflows.async(() -> calc.add(x, 2));
            try {
                return "ok:" + Workflows.any(List.of(a, b));
            } catch (StepFailedException e) {
                return "failed:" + e.getMessage();
            }
        }
    }

    /** Gives async() a call that makes no step call, and returns what it threw. */
    @Workflow
    public static class AsyncWithoutStep {
        public String run(int x) {
            try {
                Workflows.async(() -> x + 1);
                return "no exception";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }
    }

    /** Gives async() a call that makes no step call, and lets the exception fail the run. */
    @Workflow
    public static class AsyncWithoutStepUncaught {
        public int run(int x) {
            return Workflows.async(() -> x + 1).get();
        }
    }

    // ---- helpers ----

    /** A journal that also records what each suspend was asked to write. */
    private static final class RecordingJournal extends ForwardingJournal {
        record SuspendCall(int knownEventCount, List<Event> events, Instant wakeAt, int awaiting) {
        }

        final InMemoryJournal log;
        final List<SuspendCall> suspends = new ArrayList<>();
        final List<List<Event>> appends = new ArrayList<>();

        RecordingJournal(LoadedRun run) {
            this(new InMemoryJournal(run));
        }

        private RecordingJournal(InMemoryJournal log) {
            super(log);
            this.log = log;
        }

        @Override
        public int append(LoadedRun run, int knownEventCount, List<Event> events) {
            appends.add(List.copyOf(events));
            return log.append(run, knownEventCount, events);
        }

        @Override
        public Suspended suspend(LoadedRun run, int knownEventCount, List<Event> events, Instant wakeAt, int awaiting) {
            suspends.add(new SuspendCall(knownEventCount, List.copyOf(events), wakeAt, awaiting));
            return log.suspend(run, knownEventCount, events, wakeAt, awaiting);
        }
    }

    private Replayer.Result execute(LoadedRun run, Journal journal, Object wf) {
        return execute(run, journal, wf, dispatcher);
    }

    private Replayer.Result execute(LoadedRun run, Journal journal, Object wf, StepDispatcher dispatcher) {
        Clock clock = new TickingClock(T0, Duration.ofSeconds(1));
        Environment env = new Environment(journal, Deliveries.NO_CHILDREN, dispatcher, Deliveries.NO_STEP_SERVICES, clock, Duration.ofMinutes(1),
                25_000, "http://localhost/api");
        return new Replayer(env).execute(run, WorkflowDefinition.of(wf.getClass()), wf);
    }

    /** Runs the first delivery of a new run and returns its log's events (the step_created ones). */
    private List<Event> firstDelivery(LoadedRun run, Object wf) {
        RecordingJournal journal = new RecordingJournal(run);
        Replayer.Result result = execute(run, journal, wf);
        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        return journal.log.events();
    }

    /** Appends outcome events after {@code log}, at the seqs that follow it. */
    private static List<Event> withOutcomes(List<Event> log, Event... outcomes) {
        List<Event> all = new ArrayList<>(log);
        int seq = log.isEmpty() ? TestRuns.INITIAL_EVENT_COUNT : log.get(log.size() - 1).seq() + 1;
        for (Event e : outcomes) {
            all.add(new Event(seq++, e.type(), e.correlationId(), e.createdAt(), e.data()));
        }
        return all;
    }

    private static Instant at(int seconds) {
        return T0.plus(Duration.ofMinutes(5)).plusSeconds(seconds);
    }

    private static Event started(String id) {
        return EventData.stepStarted(id, at(0), 1);
    }

    private static Event completed(String id, String output) {
        return EventData.stepCompleted(id, at(1), output);
    }

    private static Event failed(String id, String message) {
        return EventData.stepFailed(id, at(1), 1, "java.lang.IllegalStateException", message, true);
    }

    private static List<String> ids(List<Event> created) {
        return created.stream().map(Event::correlationId).toList();
    }

    // ---- tests ----

    @Test
    void firstDeliveryJournalsTheStepsDispatchesThemAndSuspends() {
        LoadedRun run = TestRuns.newRun("wrun_par_first", "[10]");
        RecordingJournal journal = new RecordingJournal(run);

        Replayer.Result result = execute(run, journal, new AllThree(calc));

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        // no step has begun: the run looks again when one begun now would be presumed dead
        Instant checkBack = result.wakeAt();
        Instant created = journal.log.events().get(0).createdAt();
        assertTrue(!checkBack.isBefore(created.plus(EngineConfig.LEASE))
                && checkBack.isBefore(created.plus(EngineConfig.LEASE).plusSeconds(10)), String.valueOf(checkBack));
        assertEquals(List.of(), calc.executed(), "no step body runs in the workflow's delivery");

        List<Event> events = journal.log.events();
        assertEquals(List.of(EventType.STEP_CREATED, EventType.STEP_CREATED, EventType.STEP_CREATED), TestRuns.types(events));
        assertEquals(1, journal.appends.size(), "the three step_created events are one append");
        List<History.StepOp> steps = journal.log.steps();
        assertEquals(List.of("Calc.add", "Calc.add", "Calc.add"), steps.stream().map(History.StepOp::name).toList());
        assertEquals(List.of("[10,1]", "[10,2]", "[10,3]"), steps.stream().map(History.StepOp::inputJson).toList());
        assertEquals(3, ids(events).stream().distinct().count());
        assertTrue(ids(events).stream().allMatch(id -> id.startsWith("step_")));

        // the first dispatch carries the three steps, in the order they were started
        assertFalse(dispatched.isEmpty());
        assertEquals(ids(events), dispatched.get(0));
        assertTrue(dispatched.stream().flatMap(List::stream).allMatch(ids(events)::contains));

        assertTrue(journal.log.isSuspended());
        assertEquals(checkBack, journal.log.wakeAt());
        assertFalse(journal.log.isTerminal());
        assertEquals(1, journal.suspends.size());
        RecordingJournal.SuspendCall suspend = journal.suspends.get(0);
        assertEquals(List.of(), suspend.events());
        assertEquals(checkBack, suspend.wakeAt());
        assertEquals(3, suspend.awaiting(), "all() awaits every unfinished step");
        assertEquals(TestRuns.INITIAL_EVENT_COUNT + 3, suspend.knownEventCount());
    }

    @Test
    void allReturnsTheValuesInTheOrderAskedWhateverTheOrderTheyCompleted() {
        LoadedRun first = TestRuns.newRun("wrun_par_all", "[10]");
        List<Event> created = firstDelivery(first, new AllThree(new Calc()));
        List<String> id = ids(created);
        List<Event> saved = withOutcomes(created,
                started(id.get(0)), started(id.get(1)), started(id.get(2)),
                completed(id.get(2), "13"), completed(id.get(0), "11"), completed(id.get(1), "12"));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);
        dispatched.clear();

        Replayer.Result result = execute(run, journal, new AllThree(calc));

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals("[11,12,13]", journal.log.outputJson());
        assertEquals(run.eventCount(), journal.log.terminalExpectedCount());
        assertEquals(List.of(), calc.executed());
        assertEquals(List.of(), dispatched, "nothing is dispatched again");
        assertEquals(List.of(), journal.appends);
        assertEquals(List.of(), journal.suspends);
        assertEquals(saved, journal.log.events());
    }

    @Test
    void raceReturnsTheStepThatEndedFirstInTheLog() {
        LoadedRun first = TestRuns.newRun("wrun_par_race", "[10]");
        List<Event> created = firstDelivery(first, new RaceTwo(new Calc()));
        List<String> id = ids(created);
        // b completes before a; a completes too, later
        List<Event> saved = withOutcomes(created,
                started(id.get(0)), started(id.get(1)),
                completed(id.get(1), "12"), completed(id.get(0), "11"));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);

        Replayer.Result result = execute(run, journal, new RaceTwo(calc));

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals("12", journal.log.outputJson());
        assertEquals(List.of(), calc.executed());
    }

    @Test
    void raceThrowsTheFailureOfTheStepThatEndedFirst() {
        LoadedRun first = TestRuns.newRun("wrun_par_race_fail", "[10]");
        List<Event> created = firstDelivery(first, new RaceTwo(new Calc()));
        List<String> id = ids(created);
        List<Event> saved = withOutcomes(created,
                started(id.get(0)), started(id.get(1)),
                failed(id.get(1), "b broke"), completed(id.get(0), "11"));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);

        Replayer.Result result = execute(run, journal, new RaceTwo(calc));

        assertEquals(Replayer.Outcome.FAILED, result.outcome());
        assertEquals(ErrorCode.USER_ERROR, journal.log.failureCode());
        assertEquals("b broke", journal.log.failureMessage());
    }

    @Test
    void anySkipsAFailureThatCameFirstAndReturnsTheStepThatCompleted() {
        LoadedRun first = TestRuns.newRun("wrun_par_any", "[10]");
        List<Event> created = firstDelivery(first, new AnyTwo(new Calc()));
        List<String> id = ids(created);
        List<Event> saved = withOutcomes(created,
                started(id.get(0)), started(id.get(1)),
                failed(id.get(0), "a broke"), completed(id.get(1), "12"));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);

        Replayer.Result result = execute(run, journal, new AnyTwo(calc));

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals("\"ok:12\"", journal.log.outputJson());
        assertEquals(List.of(), calc.executed());
    }

    @Test
    void anyWaitsForTheOtherStepWhenTheFirstToEndFailed() {
        LoadedRun first = TestRuns.newRun("wrun_par_any_wait", "[10]");
        List<Event> created = firstDelivery(first, new AnyTwo(new Calc()));
        List<String> id = ids(created);
        List<Event> saved = withOutcomes(created,
                started(id.get(0)), started(id.get(1)), failed(id.get(0), "a broke"));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);
        dispatched.clear();

        Replayer.Result result = execute(run, journal, new AnyTwo(calc));

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        assertEquals(History.of(saved).step(id.get(1)).startedAt().plus(EngineConfig.LEASE), result.wakeAt(),
                "the run looks again when the running step would be presumed dead");
        assertEquals(1, journal.suspends.size());
        assertEquals(1, journal.suspends.get(0).awaiting());
        assertEquals(saved, journal.log.events());
        assertEquals(List.of(), dispatched, "the other step is running: it is not dispatched again");
    }

    @Test
    void anyThrowsWhenAllStepsFailed() {
        LoadedRun first = TestRuns.newRun("wrun_par_any_all_failed", "[10]");
        List<Event> created = firstDelivery(first, new AnyTwo(new Calc()));
        List<String> id = ids(created);
        List<Event> saved = withOutcomes(created,
                started(id.get(0)), started(id.get(1)),
                failed(id.get(1), "b broke"), failed(id.get(0), "a broke"));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);

        Replayer.Result result = execute(run, journal, new AnyTwo(calc));

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        String output = journal.log.outputJson();
        assertTrue(output.startsWith("\"failed:All 2 steps failed"), output);
        assertTrue(output.contains("a broke"), "names the last failure in the log: " + output);
    }

    @Test
    void allThrowsTheFirstFailureWithoutWaitingForTheOthers() {
        LoadedRun first = TestRuns.newRun("wrun_par_all_fail", "[10]");
        List<Event> created = firstDelivery(first, new AllThreeCatching(new Calc()));
        List<String> id = ids(created);
        // a completed, b failed for good, c still running
        List<Event> saved = withOutcomes(created,
                started(id.get(0)), started(id.get(1)), started(id.get(2)),
                completed(id.get(0), "11"), failed(id.get(1), "b broke"));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);
        dispatched.clear();

        Replayer.Result result = execute(run, journal, new AllThreeCatching(calc));

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals("\"failed:Calc.add:b broke\"", journal.log.outputJson());
        assertEquals(List.of(), journal.suspends);
        assertEquals(List.of(), dispatched);
        assertEquals(List.of(), calc.executed());
    }

    @Test
    void allThrowsTheFailureWithTheLowestOutcomeSeq() {
        LoadedRun first = TestRuns.newRun("wrun_par_all_two_fail", "[10]");
        List<Event> created = firstDelivery(first, new AllThreeCatching(new Calc()));
        List<String> id = ids(created);
        List<Event> saved = withOutcomes(created,
                started(id.get(0)), started(id.get(1)), started(id.get(2)),
                failed(id.get(2), "c broke"), failed(id.get(0), "a broke"));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);

        execute(run, journal, new AllThreeCatching(calc));

        assertEquals("\"failed:Calc.add:c broke\"", journal.log.outputJson());
    }

    @Test
    void partialLogSuspendsAgainWithoutWritingAndRedispatchesOnlyStepsNeverStarted() {
        LoadedRun first = TestRuns.newRun("wrun_par_partial", "[10]");
        List<Event> created = firstDelivery(first, new AllThree(new Calc()));
        List<String> id = ids(created);
        // a completed, b running, c never started (its message may have been lost)
        List<Event> saved = withOutcomes(created,
                started(id.get(0)), started(id.get(1)), completed(id.get(0), "11"));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);
        dispatched.clear();

        Replayer.Result result = execute(run, journal, new AllThree(calc));

        // the run looks again by the time the running step would be presumed dead (or c, begun now)
        Instant presumedDead = History.of(saved).step(id.get(1)).startedAt().plus(EngineConfig.LEASE);
        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        Instant checkBack = result.wakeAt();
        assertTrue(checkBack != null && !checkBack.isAfter(presumedDead), String.valueOf(checkBack));
        assertEquals(List.of(), calc.executed());
        assertEquals(List.of(), journal.appends, "no step_created is written again");
        assertEquals(saved, journal.log.events());

        assertEquals(1, journal.suspends.size());
        RecordingJournal.SuspendCall suspend = journal.suspends.get(0);
        assertEquals(run.eventCount(), suspend.knownEventCount());
        assertEquals(List.of(), suspend.events());
        assertEquals(checkBack, suspend.wakeAt());
        assertEquals(2, suspend.awaiting(), "two steps have not ended");
        assertTrue(journal.log.isSuspended());
        assertEquals(checkBack, journal.log.wakeAt());
        assertFalse(journal.log.isTerminal());

        assertEquals(List.of(List.of(id.get(2))), dispatched);
    }

    @Test
    void asyncWhoseCallMakesNoStepCallThrows() {
        LoadedRun run = TestRuns.newRun("wrun_par_nostep", "[10]");
        RecordingJournal journal = new RecordingJournal(run);

        Replayer.Result result = execute(run, journal, new AsyncWithoutStep());

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        String output = journal.log.outputJson();
        assertTrue(output.contains("exactly one step"), output);
        assertEquals(List.of(), journal.log.events());
        assertEquals(List.of(), dispatched);
    }

    @Test
    void asyncWhoseCallMakesNoStepCallFailsTheRunIfUncaught() {
        LoadedRun run = TestRuns.newRun("wrun_par_nostep_uncaught", "[10]");
        RecordingJournal journal = new RecordingJournal(run);

        Replayer.Result result = execute(run, journal, new AsyncWithoutStepUncaught());

        assertEquals(Replayer.Outcome.FAILED, result.outcome());
        assertEquals(ErrorCode.USER_ERROR, journal.log.failureCode());
        assertTrue(journal.log.failureMessage().contains("exactly one step"), journal.log.failureMessage());
    }

    @Test
    void stepsExecutingHereAreAwaitedInTheDeliveryInsteadOfParking() {
        LoadedRun run = TestRuns.newRun("wrun_par_here", "[10]");
        RecordingJournal journal = new RecordingJournal(run);
        List<String> ended = new ArrayList<>();
        StepDispatcher here = new StepDispatcher() {
            private final List<String> executing = new ArrayList<>();

            @Override
            public void dispatch(String runId, List<String> stepIds) {
                executing.addAll(stepIds);
            }

            @Override
            public long mark(String runId) {
                return executing.isEmpty() ? NONE : ended.size();
            }

            @Override
            public boolean awaitStepEnd(String runId, long mark, long maxNanos) {
                // one step ends on its own thread: its outcome joins the log
                String id = executing.remove(0);
                journal.log.appendByOthers(List.of(EventData.stepStarted(id, at(0), 1),
                        EventData.stepCompleted(id, at(1), String.valueOf(11 + ended.size()))));
                ended.add(id);
                return true;
            }
        };

        Replayer.Result result = execute(run, journal, new AllThree(calc), here);

        assertEquals(Replayer.Outcome.COMPLETED, result.outcome());
        assertEquals("[11,12,13]", journal.log.outputJson());
        assertEquals(3, ended.size(), "the delivery waited for each step");
        assertEquals(List.of(), journal.suspends, "the run never parked");
    }

    @Test
    void stepsWhoseRetryIsDueOrWhoseAttemptIsPresumedDeadAreDispatchedAgain() {
        LoadedRun first = TestRuns.newRun("wrun_par_again", "[10]");
        List<Event> created = firstDelivery(first, new AllThree(new Calc()));
        List<String> id = ids(created);
        Instant longAgo = T0.minus(EngineConfig.LEASE).minusSeconds(10);
        // a: its retry is due (its timer died with a server); b: begun by a server that died; c: running now
        List<Event> saved = withOutcomes(created,
                EventData.stepStarted(id.get(0), longAgo, 1), EventData.stepRetrying(id.get(0), longAgo, 1, longAgo.plusSeconds(1)),
                EventData.stepStarted(id.get(1), longAgo, 1),
                EventData.stepStarted(id.get(2), T0, 1));
        LoadedRun run = TestRuns.redelivery(first, saved);
        RecordingJournal journal = new RecordingJournal(run);
        dispatched.clear();

        Replayer.Result result = execute(run, journal, new AllThree(calc));

        assertEquals(Replayer.Outcome.SUSPENDED, result.outcome());
        assertEquals(List.of(List.of(id.get(0), id.get(1))), dispatched);
        assertEquals(T0.plus(EngineConfig.LEASE), result.wakeAt(), "it looks again when c would be presumed dead");
    }
}
