package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.EventInfo;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.HookInfo;
import dev.durable.workflow.api.HookStatus;
import dev.durable.workflow.api.InvalidHookPayloadException;
import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.RunCancelledException;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.api.UnknownHookException;
import dev.durable.workflow.api.WorkflowService;
import dev.durable.workflow.it.fixtures.HookFixtures;
import dev.durable.workflow.samples.Approval;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hooks (create, resume, await with a timeout, iterate, conflict, dispose) and cancellation, in a real server. */
@ExtendWith(ArquillianExtension.class)
class HooksIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        return TestEar.withTestClasses(HooksIT.class);
    }

    @EJB
    WorkflowService workflows;

    @EJB
    InspectorAsAdmin inspector;

    @Test
    void anApprovalResumedWithItsTokenCompletesAndFreesTheToken() {
        String order = unique("order");
        Run<String> run = workflows.start("approval", List.of(order));
        HookInfo hook = eventually(() -> workflows.getHook("approval:" + order));
        assertEquals(run.runId(), hook.runId());
        assertEquals("{\"orderId\":\"" + order + "\"}", Json.createReader(new java.io.StringReader(hook.metadataJson()))
                .readObject().toString());
        assertEquals(HookStatus.ACTIVE, hook.status());
        assertEquals(RunStatus.RUNNING, run.status(), "waiting on the hook, the run is suspended but not ended");

        HookInfo resumed = workflows.resumeHook("approval:" + order, new Approval(true, "ada"));
        assertEquals(hook.hookId(), resumed.hookId());
        assertEquals("approved by ada", run.returnValue(WAIT));

        assertThrows(UnknownHookException.class, () -> workflows.getHook("approval:" + order), "the run's end frees the token");
        List<EventType> types = types(run);
        assertTrue(types.containsAll(List.of(EventType.HOOK_CREATED, EventType.HOOK_RECEIVED, EventType.HOOK_DISPOSED)), types.toString());
        assertTrue(types.indexOf(EventType.HOOK_DISPOSED) < types.indexOf(EventType.RUN_COMPLETED));
        HookInfo listed = inspector.listHooks(run.runId()).get(0);
        assertEquals(HookStatus.DISPOSED, listed.status());
        assertEquals(1, listed.received());
    }

    @Test
    void anInvalidPayloadIsRefusedWithItsViolationsAndNothingIsAppended() {
        String order = unique("order");
        Run<String> run = workflows.start("approval", List.of(order));
        eventually(() -> workflows.getHook("approval:" + order));
        eventually(() -> types(run).contains(EventType.WAIT_CREATED) ? true : null); // waiting, its timer set
        int before = types(run).size();
        InvalidHookPayloadException e = assertThrows(InvalidHookPayloadException.class,
                () -> workflows.resumeHook("approval:" + order, new Approval(true, null)));
        assertEquals(1, e.violations().size(), e.violations().toString());
        assertTrue(e.violations().get(0).startsWith("by: "), e.violations().toString());
        assertThrows(InvalidHookPayloadException.class,
                () -> workflows.resumeHook("approval:" + order, Json.createValue("not an approval")));
        assertEquals(before, types(run).size());
        assertEquals(0, workflows.getHook("approval:" + order).received());
        workflows.resumeHook("approval:" + order, new Approval(false, "bob"));
        assertEquals("rejected by bob", run.returnValue(WAIT));
    }

    @Test
    void anUnknownTokenIsRefused() {
        assertThrows(UnknownHookException.class, () -> workflows.resumeHook(unique("nobody"), "x"));
        assertThrows(UnknownHookException.class, () -> workflows.getHook(unique("nobody")));
    }

    @Test
    void anAwaitWithATimeoutReturnsEmptyWhenNoPayloadCameAndThePayloadLaterIsRefused() {
        String token = unique("timed");
        Run<String> run = workflows.start("timedApproval", List.of(token, 1));
        assertEquals("timed out", run.returnValue(WAIT));
        assertThrows(UnknownHookException.class, () -> workflows.resumeHook(token, new Approval(true, "late")));
    }

    @Test
    void aPayloadBeforeTheTimeoutWins() {
        String token = unique("timed");
        Run<String> run = workflows.start("timedApproval", List.of(token, 30));
        eventually(() -> workflows.getHook(token));
        workflows.resumeHook(token, new Approval(true, "eve"));
        assertEquals("by eve", run.returnValue(WAIT));
        assertTrue(types(run).contains(EventType.WAIT_COMPLETED), "the moot timer is recorded as completed");
    }

    @Test
    void threePayloadsSentInQuickSuccessionArriveInOrder() {
        Run<List<String>> run = workflows.start("collect", List.of(3));
        String token = eventually(() -> inspector.listHooks(run.runId()).get(0)).token();
        workflows.resumeHook(token, "first");
        workflows.resumeHook(token, "second");
        workflows.resumeHook(token, "third");
        assertEquals(List.of("first", "second", "third"), run.returnValue(WAIT));
    }

    @Test
    void twentyConcurrentResumesOfOneTokenAreEachRecordedOnceInLogOrder() throws Exception {
        Run<List<String>> run = workflows.start("collect", List.of(20));
        String token = eventually(() -> inspector.listHooks(run.runId()).get(0)).token();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<HookInfo>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String payload = "p" + i;
                sent.add(pool.submit(() -> workflows.resumeHook(token, payload)));
            }
            for (Future<HookInfo> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<String> result = run.returnValue(WAIT);
        assertEquals(20, result.size());
        assertEquals(20, result.stream().distinct().count(), "each payload once: " + result);
        List<String> logged = inspector.listEvents(run.runId(), 1000, null).data().stream()
                .filter(e -> e.eventType() == EventType.HOOK_RECEIVED)
                .map(e -> Json.createReader(new java.io.StringReader(e.eventDataJson())).readObject().getString("payload"))
                .toList();
        assertEquals(logged, result, "delivered in log order");
    }

    @Test
    void aSecondActiveHookWithTheSameTokenIsAConflictAndTheTokenIsFreeAgainAfterTheFirstRunEnds() {
        String token = unique("shared");
        Run<String> first = workflows.start("claimToken", List.of(token));
        eventually(() -> workflows.getHook(token));
        Run<String> second = workflows.start("claimToken", List.of(token));
        assertEquals("conflict on " + token, second.returnValue(WAIT));
        assertTrue(types(second).contains(EventType.HOOK_CONFLICT));
        assertEquals(HookStatus.CONFLICT, inspector.listHooks(second.runId()).get(0).status());

        workflows.resumeHook(token, "one");
        assertEquals("got one", first.returnValue(WAIT));
        Run<String> third = workflows.start("claimToken", List.of(token));
        eventually(() -> workflows.getHook(token).runId().equals(third.runId()) ? true : null);
        workflows.resumeHook(token, "three");
        assertEquals("got three", third.returnValue(WAIT));
    }

    @Test
    void aDisposedHookFreesItsTokenWhileItsRunLivesOn() {
        String token = unique("disposed");
        Run<Void> run = workflows.start("disposeThenSleep", List.of(token));
        eventually(() -> types(run).contains(EventType.WAIT_CREATED) ? true : null);
        assertThrows(UnknownHookException.class, () -> workflows.resumeHook(token, "x"));
        assertEquals(HookStatus.DISPOSED, inspector.listHooks(run.runId()).get(0).status());
        run.cancel();
    }

    @Test
    void cancellingARunWaitingOnAHookEndsItAtOnceAndDisposesTheHook() {
        String order = unique("order");
        Run<String> run = workflows.start("approval", List.of(order));
        eventually(() -> workflows.getHook("approval:" + order));
        run.cancel("the customer withdrew");
        assertEquals(RunStatus.CANCELLED, run.status());
        assertThrows(RunCancelledException.class, () -> run.returnValue(Duration.ofSeconds(1)));
        assertThrows(UnknownHookException.class, () -> workflows.resumeHook("approval:" + order, new Approval(true, "x")));
        EventInfo cancelled = inspector.listEvents(run.runId(), 100, null).data().stream()
                .filter(e -> e.eventType() == EventType.RUN_CANCELLED).findFirst().orElseThrow();
        assertTrue(cancelled.eventDataJson().contains("the customer withdrew"), cancelled.eventDataJson());
        assertEquals(HookStatus.DISPOSED, inspector.listHooks(run.runId()).get(0).status());
    }

    @Test
    void cancellingASleepingRunEndsItAtOnce() {
        Run<Long> run = workflows.start("sleeping", List.of("1h"));
        eventually(() -> types(run).contains(EventType.WAIT_CREATED) ? true : null);
        run.cancel();
        assertEquals(RunStatus.CANCELLED, run.status());
    }

    @Test
    void aStepRunningWhenItsRunIsCancelledSeesItFinishesAndIsNotRecorded() {
        String key = unique("cancel");
        Run<String> run = workflows.start("cancellable", List.of(key));
        eventually(() -> HookFixtures.SEEN.getOrDefault(key, List.of()).contains("started") ? true : null);
        run.cancel();
        assertEquals(RunStatus.CANCELLED, run.status());
        eventually(() -> HookFixtures.SEEN.get(key).contains("finished") ? true : null);
        assertTrue(HookFixtures.SEEN.get(key).contains("cancel seen"), HookFixtures.SEEN.get(key).toString());
        pause(1500);
        assertFalse(HookFixtures.SEEN.get(key).contains("after"), "no step after the cancellation");
        assertFalse(types(run).contains(EventType.STEP_COMPLETED), "the running step's result is not recorded");
        assertTrue(inspector.listSteps(run.runId(), 10, null).data().isEmpty(), "an inline step is saved with its outcome only");
    }

    @Test
    void cancellingAParentCancelsItsChildUnlessTheChildIsDetached() {
        Run<Long> parent = workflows.start("parentOfSleeper", List.of(false));
        String child = eventually(() -> childOf(parent));
        eventually(() -> types(workflows.getRun(child)).contains(EventType.WAIT_CREATED) ? true : null);
        parent.cancel();
        assertEquals(RunStatus.CANCELLED, workflows.getRun(child).status());

        Run<Long> parent2 = workflows.start("parentOfSleeper", List.of(true));
        String detached = eventually(() -> childOf(parent2));
        parent2.cancel();
        assertEquals(RunStatus.CANCELLED, parent2.status());
        assertFalse(workflows.getRun(detached).status().isTerminal(), "a detached child lives on");
        workflows.getRun(detached).cancel();
    }

    private String childOf(Run<?> parent) {
        return inspector.listSteps(parent.runId(), 10, null).data().stream()
                .filter(s -> s.stepName().startsWith("start") && s.status() == StepStatus.COMPLETED)
                .map(s -> s.outputJson().replace("\"", "")).findFirst().orElse(null);
    }

    private List<EventType> types(Run<?> run) {
        return inspector.listEvents(run.runId(), 1000, null).data().stream().map(EventInfo::eventType).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Retries {@code probe} until it returns a value and throws nothing, for up to 30 s. */
    static <T> T eventually(Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            pause(20);
        }
        throw new AssertionError("Not there in 30 s", last);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
