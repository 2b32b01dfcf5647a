package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.InvalidArgumentsException;
import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.RunCancelledException;
import dev.durable.workflow.api.RunFailedException;
import dev.durable.workflow.api.RunNotCompletedException;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StartOptions;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.api.UnknownWorkflowException;
import dev.durable.workflow.api.WorkflowService;
import dev.durable.workflow.it.fixtures.Counting;
import dev.durable.workflow.it.fixtures.Executions;
import dev.durable.workflow.it.fixtures.Payload;
import dev.durable.workflow.queue.RunQueue;
import dev.durable.workflow.samples.AddTen;
import dev.durable.workflow.service.EngineStats;
import jakarta.ejb.EJB;
import jakarta.transaction.UserTransaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java API, from inside the server, as an application that injects the EJB uses it. */
@ExtendWith(ArquillianExtension.class)
class EngineIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        return TestEar.withTestClasses(EngineIT.class);
    }

    @EJB
    WorkflowService workflows;

    @EJB
    InspectorAsAdmin inspector;

    @EJB
    RunQueue queue;

    UserTransaction tx() throws Exception {
        return javax.naming.InitialContext.doLookup("java:comp/UserTransaction");
    }

    @Test
    void aStreamIsReadFromJavaWhileItIsWrittenAndEndsWhenTheRunEnds() {
        Run<Integer> run = workflows.start("countdown", List.of(8));
        List<Integer> counts;
        try (java.util.stream.Stream<dev.durable.workflow.samples.CountdownSteps.Tick> ticks =
                     run.getReadable(dev.durable.workflow.samples.CountdownSteps.Tick.class)) {
            counts = ticks.map(dev.durable.workflow.samples.CountdownSteps.Tick::i).toList();
        }
        assertEquals(List.of(8, 7, 6, 5, 4, 3, 2, 1), counts);
        assertEquals(List.of(2, 1), run.getReadable("default", dev.durable.workflow.samples.CountdownSteps.Tick.class, -2)
                .map(dev.durable.workflow.samples.CountdownSteps.Tick::i).toList());
        assertEquals(8, run.returnValue(WAIT));
        dev.durable.workflow.api.StreamInfo stream = run.streams().get(0);
        assertEquals(8, stream.chunks());
        assertTrue(stream.closed());
    }

    @Test
    void startByClassReturnsAtOnceAndTheRunCompletes() {
        Run<Integer> run = workflows.start(AddTen.class, List.of(5));
        assertTrue(run.runId().startsWith("wrun_"));
        assertEquals("addTen", run.workflowName());
        assertEquals(15, run.returnValue(WAIT));
        assertEquals(RunStatus.COMPLETED, run.status());
        assertTrue(run.exists());
        Instant created = run.createdAt();
        Instant started = run.startedAt().orElseThrow();
        Instant completed = run.completedAt().orElseThrow();
        assertFalse(started.isBefore(created));
        assertFalse(completed.isBefore(started));
        assertEquals(3, inspector.listSteps(run.runId(), 10, null).data().size());
    }

    @Test
    void startByNameWithOptionsRecordsTheDeployment() {
        Run<String> run = workflows.start("userSignup", List.of("grace@example.com"),
                StartOptions.builder().deploymentId("custom-deployment-id").build());
        assertTrue(run.returnValue(WAIT).startsWith("user_"));
        assertEquals("custom-deployment-id", inspector.findRun(run.runId()).orElseThrow().deploymentId());
    }

    @Test
    void aFailedRunThrowsWithItsCodeAndMessage() {
        Run<String> run = workflows.start("failing", List.of("no stock"));
        RunFailedException e = assertThrows(RunFailedException.class, () -> run.returnValue(WAIT));
        assertEquals(ErrorCode.USER_ERROR, e.errorCode());
        assertEquals("no stock", e.errorMessage());
        assertEquals(RunStatus.FAILED, run.status());
    }

    @Test
    void returnValueTimesOutOnARunThatIsStillGoing() throws Exception {
        Run<Integer> run = workflows.start(Counting.class, List.of("slow-" + UUID.randomUUID(), 3, 300));
        RunNotCompletedException e = assertThrows(RunNotCompletedException.class,
                () -> run.returnValue(Duration.ofMillis(100)));
        assertFalse(e.status().isTerminal());
        assertEquals(3, run.returnValue(WAIT));
    }

    @Test
    void aCancelledRunThrowsRunCancelled() {
        Run<Integer> run = workflows.start(Counting.class, List.of("cancel-" + UUID.randomUUID(), 40, 100));
        run.cancel();
        assertThrows(RunCancelledException.class, () -> run.returnValue(WAIT));
        assertEquals(RunStatus.CANCELLED, run.status());
    }

    @Test
    void everyKindOfValueSurvivesTheLog() {
        Payload payload = new Payload("nul\u0000 tab\t quote\" emoji \uD83D\uDE80 ü", 42, Long.MAX_VALUE, 0.1,
                true, new BigDecimal("12345.6789"), Payload.Color.GREEN, List.of("a", "b"), Map.of("x", 1),
                Instant.parse("2026-11-25T10:15:30.123456Z"), LocalDate.of(2026, 2, 28), Duration.ofMinutes(90), null);
        Run<Payload> run = workflows.start("echo", List.of(payload));
        assertEquals(payload, run.returnValue(WAIT));
    }

    @Test
    void badStartsAreRefusedWithClearExceptions() {
        UnknownWorkflowException unknown = assertThrows(UnknownWorkflowException.class,
                () -> workflows.start("nope", List.of()));
        assertEquals("nope", unknown.workflowName());
        assertThrows(UnknownWorkflowException.class, () -> workflows.start(String.class, List.of()));
        InvalidArgumentsException count = assertThrows(InvalidArgumentsException.class,
                () -> workflows.start(AddTen.class, List.of()));
        assertEquals(-1, count.argumentIndex());
        InvalidArgumentsException unserializable = assertThrows(InvalidArgumentsException.class,
                () -> workflows.start("userSignup", List.of(new Object() {
                    public String getEmail() {
                        throw new IllegalStateException("cannot read me");
                    }
                })));
        assertEquals(0, unserializable.argumentIndex());
        assertTrue(unserializable.getMessage().contains("email"), unserializable.getMessage());
        assertThrows(UnknownRunException.class, () -> workflows.getRun("wrun_nope").status());
        assertFalse(workflows.getRun("wrun_nope").exists());
    }

    @Test
    void theCallersRollbackLeavesNoRunAndNoMessage() throws Exception {
        UserTransaction tx = tx();
        tx.begin();
        Run<Integer> run = workflows.start(AddTen.class, List.of(1));
        tx.rollback();
        assertFalse(run.exists());
        // a run started after it completes; a message from the rolled-back start would have been
        // delivered by then, and seen as a message for a missing run
        assertEquals(11, workflows.<Integer>start(AddTen.class, List.of(1)).returnValue(WAIT));
        Thread.sleep(500);
        assertFalse(run.exists());
        assertFalse(EngineStats.wasMissing(run.runId()), "a message was sent for the rolled-back run");
    }

    @EJB
    dev.durable.workflow.store.RunStore store;

    @EJB
    dev.durable.workflow.store.RunChanges changes;

    /** Recovery rings every workflow/recoverySeconds (5 s) for runs due that long: a lost ring costs at most two rounds. */
    private static final Duration RECOVERED = Duration.ofSeconds(20);

    @Test
    void aRunWhoseMessageWasLostIsRecovered() {
        // what a crash between the run's commit and its message leaves: the row, no message
        String runId = dev.durable.workflow.engine.Ids.run();
        store.createRun(new dev.durable.workflow.store.NewRun(runId, "addTen", "[5]", null, null, null, null, Instant.now(), null));
        long t0 = System.nanoTime();
        assertEquals(15, workflows.<Integer>getRun(runId).returnValue(WAIT));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(RECOVERED) < 0, "recovered after " + took);
    }

    @Test
    void aHooksPayloadWhoseMessageWasLostIsRecovered() throws Exception {
        String order = "lost-" + UUID.randomUUID();
        Run<String> run = workflows.start("approval", List.of(order));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (inspector.listHooks(run.runId()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // the payload recorded, its message lost
        changes.resumeHook("approval:" + order, "{\"approved\":true,\"by\":\"recovery\"}");
        long t0 = System.nanoTime();
        assertEquals("approved by recovery", run.returnValue(WAIT));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(RECOVERED) < 0, "recovered after " + took);
    }

    @Test
    void startAllStartsEveryRunInOneTransaction() throws Exception {
        List<List<Integer>> args = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            args.add(List.of(i));
        }
        List<Run<Integer>> runs = workflows.startAll("addTen", args, StartOptions.none());
        assertEquals(50, runs.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 10, runs.get(i).returnValue(WAIT));
        }
        assertEquals(50, runs.stream().map(Run::runId).distinct().count());
        for (int i = 1; i < 50; i++) {
            assertTrue(runs.get(i - 1).runId().compareTo(runs.get(i).runId()) < 0, "ids in the order of the arguments");
        }

        UserTransaction tx = tx();
        tx.begin();
        List<Run<Integer>> rolledBack = workflows.startAll(AddTen.class, List.of(List.of(1), List.of(2)), StartOptions.none());
        tx.rollback();
        assertFalse(rolledBack.get(0).exists() || rolledBack.get(1).exists());

        InvalidArgumentsException bad = assertThrows(InvalidArgumentsException.class,
                () -> workflows.startAll("addTen", List.of(List.of(1), List.of("not a number")), StartOptions.none()));
        assertTrue(bad.getMessage().startsWith("Run 1: "), bad.getMessage());
        assertThrows(InvalidArgumentsException.class, () -> workflows.startAll("addTen", List.of(List.of(1)),
                StartOptions.builder().idempotencyKey("k").build()));
    }

    @Test
    void theCallersCommitStartsTheRun() throws Exception {
        UserTransaction tx = tx();
        tx.begin();
        Run<Integer> run = workflows.start(AddTen.class, List.of(2));
        tx.commit();
        assertEquals(12, run.returnValue(WAIT));
    }

    @jakarta.annotation.Resource(lookup = "jdbc/workflow")
    javax.sql.DataSource database;

    /** Sets the run's lease as another server's delivery would after this one's lease ran out. */
    private void setLease(String runId, String owner, String token) throws Exception {
        try (var c = database.getConnection();
             var update = c.prepareStatement("UPDATE WF_RUN SET LEASE_OWNER = ?, LEASE_TOKEN = ? WHERE RUN_ID = ?")) {
            update.setString(1, owner);
            update.setString(2, token);
            update.setString(3, runId);
            assertEquals(1, update.executeUpdate());
        }
    }

    @Test
    void aDeliveryWhoseLeaseWasTakenOverSavesNothingMore() throws Exception {
        String key = "takeover-" + UUID.randomUUID();
        int steps = 30;
        Run<Integer> run = workflows.start(Counting.class, List.of(key, steps, 40));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Executions.count(key, 3) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        setLease(run.runId(), "another-server", "taken-over");
        Thread.sleep(300); // the step running at the takeover ends, and its save finds the fence gone
        int events = inspector.listEvents(run.runId(), 1000, null).data().size();
        int executed = 0;
        while (executed < steps && Executions.count(key, executed + 1) > 0) {
            executed++;
        }
        Thread.sleep(700);
        assertEquals(events, inspector.listEvents(run.runId(), 1000, null).data().size(), "events saved after the takeover");
        assertEquals(0, Executions.count(key, executed + 1), "a step executed after the takeover");
        assertTrue(executed < steps, "the run ended before the takeover: nothing was tested");
        assertEquals(RunStatus.RUNNING, run.status());

        // the other server gives the run up: a new delivery goes on from the log
        setLease(run.runId(), null, null);
        queue.send(run.runId());
        assertEquals(steps, run.returnValue(WAIT));
        int twice = 0;
        for (int i = 1; i <= steps; i++) {
            int n = Executions.count(key, i);
            assertTrue(n == 1 || (n == 2 && i == executed), "step " + i + " executed " + n + " times");
            twice += n - 1;
        }
        assertTrue(twice <= 1, "only the step whose result the takeover discarded runs again");
        assertEquals(3 * steps + 3, inspector.listEvents(run.runId(), 1000, null).data().size());
    }

    @Test
    void duplicateAndConcurrentDeliveriesExecuteEachStepOnce() throws Exception {
        String key = "dup-" + UUID.randomUUID();
        int steps = 20;
        Run<Integer> run = workflows.start(Counting.class, List.of(key, steps, 20));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sends.add(() -> {
                    queue.send(run.runId());
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(sends)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(steps, run.returnValue(WAIT));
        for (int i = 1; i <= steps; i++) {
            assertEquals(1, Executions.count(key, i), "executions of step " + i);
        }
        // more duplicates after the end change nothing
        for (int i = 0; i < 5; i++) {
            queue.send(run.runId());
        }
        Thread.sleep(1000);
        for (int i = 1; i <= steps; i++) {
            assertEquals(1, Executions.count(key, i), "executions of step " + i + " after late duplicates");
        }
        assertEquals(RunStatus.COMPLETED, run.status());
        assertEquals(3 * steps + 3, inspector.listEvents(run.runId(), 1000, null).data().size());
    }

    @Test
    void idempotencyKeyGivesOneRunToConcurrentStarts() throws Exception {
        StartOptions options = StartOptions.builder().idempotencyKey("k-" + UUID.randomUUID()).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> starts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                starts.add(() -> workflows.start(AddTen.class, List.of(7), options).runId());
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(starts)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size(), ids.toString());
            assertEquals(17, workflows.<Integer>getRun(ids.iterator().next()).returnValue(WAIT));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStepCalledOutsideAWorkflowIsAnOrdinaryCall() {
        int before = inspector.listRuns("counting", null, 1000, null).data().size();
        dev.durable.workflow.it.fixtures.CountingSteps steps = jakarta.enterprise.inject.spi.CDI.current()
                .select(dev.durable.workflow.it.fixtures.CountingSteps.class).get();
        String key = "plain-" + UUID.randomUUID();
        assertEquals(1, steps.tick(key, 1, 0));
        assertEquals(1, steps.tick(key, 1, 0));
        assertEquals(2, Executions.count(key, 1));
        assertEquals(before, inspector.listRuns("counting", null, 1000, null).data().size());
    }

    @Test
    void longSequentialRunsCompleteInOneGo() {
        Run<Integer> run = workflows.start(Counting.class, List.of("long-" + UUID.randomUUID(), 200, 0));
        assertEquals(200, run.returnValue(WAIT));
        var steps = inspector.listSteps(run.runId(), 1000, null).data();
        assertEquals(200, steps.size());
        assertTrue(steps.get(199).completedAt().isAfter(steps.get(0).completedAt().minus(1, ChronoUnit.MILLIS)));
    }
}
