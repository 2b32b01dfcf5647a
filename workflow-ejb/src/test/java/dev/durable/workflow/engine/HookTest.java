package dev.durable.workflow.engine;

import static dev.durable.workflow.engine.TestRuns.STARTED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.Hook;
import dev.durable.workflow.api.HookConflictException;
import dev.durable.workflow.api.HookOptions;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hooks in the engine: created once, payloads awaited in log order (also those that came before the
 * await or while the run executed), a timeout decided the same way on every replay, conflicts, disposal.
 */
class HookTest {
    private final ManualClock clock = new ManualClock(STARTED_AT.plus(Duration.ofMinutes(1)));
    private final LoadedRun first = TestRuns.newRun("wrun_hook", "[]");

    /** Awaits two payloads of a hook with token "t" and joins them. */
    @Workflow
    public static class TwoPayloads {
        public String run() {
            Hook<String> hook = Workflows.createHook(String.class, HookOptions.builder().token("t").build());
            return hook.await() + "+" + hook.await();
        }
    }

    /** Awaits one payload for up to ten minutes. */
    @Workflow
    public static class Timed {
        public String run() {
            Hook<String> hook = Workflows.createHook(String.class, HookOptions.builder().token("t").build());
            return hook.await(Duration.ofMinutes(10)).orElse("timed out");
        }
    }

    /** Catches the conflict. */
    @Workflow
    public static class Conflicting {
        public String run() {
            try {
                Workflows.createHook(String.class, HookOptions.builder().token("t").build());
                return "took it";
            } catch (HookConflictException e) {
                return "conflict";
            }
        }
    }

    /** Collects three payloads by iterating, then disposes the hook. */
    @Workflow
    public static class Iterating {
        public List<String> run() {
            Hook<String> hook = Workflows.createHook(String.class);
            List<String> got = new ArrayList<>();
            for (String s : hook) {
                got.add(s);
                if (got.size() == 3) {
                    hook.dispose();
                }
            }
            return got;
        }
    }

    @Test
    void anAwaitWithNoPayloadSuspendsTheRunUntilOneIsAppended() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Replayer.Result r = Deliveries.execute(first, journal, new TwoPayloads(), clock);
        assertEquals(Replayer.Outcome.SUSPENDED, r.outcome());
        assertNull(r.wakeAt(), "a hook waits for its payload, not for a time");
        assertTrue(journal.heldTokens().contains("t"));
        String hookId = journal.events().get(0).correlationId();
        assertEquals(EventType.HOOK_CREATED, journal.events().get(0).type());

        journal.appendExternal(EventData.hookReceived(hookId, clock.instant(), "\"a\""));
        journal.appendExternal(EventData.hookReceived(hookId, clock.instant(), "\"b\""));
        Replayer.Result second = Deliveries.execute(TestRuns.redelivery(first, journal.events()), journal, new TwoPayloads(), clock);
        assertEquals(Replayer.Outcome.COMPLETED, second.outcome());
        assertEquals("\"a+b\"", journal.outputJson());
        assertEquals(List.of(hookId), journal.disposedAtEnd(), "the run's end disposes its hook");
    }

    @Test
    void aPayloadAppendedWhileTheRunExecutesIsSeenBeforeItSuspends() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Journal racing = new ForwardingJournal(journal) {
            int suspends;

            @Override
            public Suspended suspend(LoadedRun run, int known, List<Event> events, Instant wakeAt, int awaiting) {
                if (suspends++ < 2) {
                    // a resume commits between the delivery's last look and its suspension
                    journal.appendExternal(EventData.hookReceived(journal.events().get(0).correlationId(), clock.instant(),
                            "\"x" + suspends + "\""));
                }
                return journal.suspend(run, known, events, wakeAt, awaiting);
            }
        };
        assertEquals(Replayer.Outcome.COMPLETED, Deliveries.execute(first, racing, new TwoPayloads(), clock).outcome());
        assertEquals("\"x1+x2\"", journal.outputJson());
    }

    @Test
    void aPayloadThatCameJustBeforeTheTimersWriteIsSeenBeforeTheRunSuspends() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Journal racing = new ForwardingJournal(journal) {
            @Override
            public int append(LoadedRun run, int known, List<Event> events) {
                if (events.get(0).type() == EventType.WAIT_CREATED && known == journal.eventCount()) {
                    // the payload commits first; the store then appends the timer after it, as the real one does
                    journal.appendExternal(EventData.hookReceived(journal.events().get(0).correlationId(), clock.instant(),
                            "\"early\""));
                    return journal.append(run, journal.eventCount(), events);
                }
                return journal.append(run, known, events);
            }
        };
        assertEquals(Replayer.Outcome.COMPLETED, Deliveries.execute(first, racing, new Timed(), clock).outcome(),
                "the delivery read the payload its write went after; a suspension would have waited ten minutes");
        assertEquals("\"early\"", journal.outputJson());
    }

    @Test
    void aTimeoutIsRecordedOnlyWhenNoPayloadCameAndReplaysAlike() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Replayer.Result r = Deliveries.execute(first, journal, new Timed(), clock);
        assertEquals(Replayer.Outcome.SUSPENDED, r.outcome());
        assertEquals(STARTED_AT.plus(Duration.ofMinutes(10)), r.wakeAt(), "the timer runs on the workflow's clock");

        clock.advance(Duration.ofMinutes(20));
        assertEquals(Replayer.Outcome.COMPLETED,
                Deliveries.execute(TestRuns.redelivery(first, journal.events()), journal, new Timed(), clock).outcome());
        assertEquals("\"timed out\"", journal.outputJson());
        assertEquals(List.of(EventType.HOOK_CREATED, EventType.WAIT_CREATED, EventType.WAIT_COMPLETED),
                TestRuns.types(journal.events()));
    }

    @Test
    void aPayloadThatRacesTheTimeoutWinsIfItIsInTheLogFirst() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Deliveries.execute(first, journal, new Timed(), clock);
        String hookId = journal.events().get(0).correlationId();
        clock.advance(Duration.ofMinutes(20));
        Journal racing = new ForwardingJournal(journal) {
            @Override
            public int appendIfUnchanged(LoadedRun run, int known, List<Event> events) {
                // the payload commits just before the delivery records the timeout
                journal.appendExternal(EventData.hookReceived(hookId, clock.instant(), "\"just in time\""));
                return journal.appendIfUnchanged(run, known, events);
            }
        };
        LoadedRun second = TestRuns.redelivery(first, journal.events());
        assertEquals(Replayer.Outcome.COMPLETED, Deliveries.execute(second, racing, new Timed(), clock).outcome());
        assertEquals("\"just in time\"", journal.outputJson());
        List<EventType> types = TestRuns.types(journal.events());
        assertTrue(types.indexOf(EventType.HOOK_RECEIVED) < types.indexOf(EventType.WAIT_COMPLETED), types.toString());
    }

    @Test
    void aTakenTokenIsAConflictTheWorkflowCanCatch() {
        InMemoryJournal journal = new InMemoryJournal(first);
        journal.takenByOthers("t");
        assertEquals(Replayer.Outcome.COMPLETED, Deliveries.execute(first, journal, new Conflicting(), clock).outcome());
        assertEquals("\"conflict\"", journal.outputJson());
        assertEquals(EventType.HOOK_CONFLICT, journal.events().get(0).type());
        assertTrue(journal.disposedAtEnd().isEmpty(), "a conflicting hook holds no token");
    }

    @Test
    void iterationTakesPayloadsInArrivalOrderUntilDisposed() {
        InMemoryJournal journal = new InMemoryJournal(first);
        Deliveries.execute(first, journal, new Iterating(), clock);
        String hookId = journal.events().get(0).correlationId();
        String token = EventData.object(journal.events().get(0).data()).getString("token");
        assertTrue(token.matches("[A-Za-z0-9_-]{24}"), "a random token of 144 bits, URL-safe: " + token);
        for (String p : List.of("\"1\"", "\"2\"", "\"3\"")) {
            journal.appendExternal(EventData.hookReceived(hookId, clock.instant(), p));
        }
        Deliveries.execute(TestRuns.redelivery(first, journal.events()), journal, new Iterating(), clock);
        assertEquals("[\"1\",\"2\",\"3\"]", journal.outputJson());
        assertTrue(TestRuns.types(journal.events()).contains(EventType.HOOK_DISPOSED));
        assertTrue(journal.disposedAtEnd().isEmpty(), "disposed by the workflow, not again at the end");
    }

    @Test
    void aHookCannotBeCreatedOutsideAWorkflow() {
        assertThrows(IllegalStateException.class, () -> new EngineRuntime().createHook(String.class, null));
    }
}
