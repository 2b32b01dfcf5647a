package dev.durable.workflow.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.engine.ChildRuns;
import org.junit.jupiter.api.Test;

/** Waiters of a run are woken by its end, and handed the end when the delivery that wrote it knows it. */
class CompletionSignalsTest {

    @Test
    void aSignalWithTheEndHandsItToTheWaiter() throws InterruptedException {
        CompletionSignals.Watch watch = CompletionSignals.watch("run-a");
        ChildRuns.Ending end = new ChildRuns.Ending(RunStatus.COMPLETED, "15", null, null);
        Thread ender = new Thread(() -> CompletionSignals.signal("run-a", end));
        long t0 = System.nanoTime();
        ender.start();
        watch.await(10_000);

        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "woken by the signal, not by the timeout");
        assertEquals(end, watch.ending());
    }

    @Test
    void aSignalWithoutTheEndWakesTheWaiterToReadTheRun() throws InterruptedException {
        CompletionSignals.Watch watch = CompletionSignals.watch("run-b");
        CompletionSignals.signal("run-b");
        watch.await(10_000);

        assertNull(watch.ending());
    }

    @Test
    void aSignalOpensOnlyTheWatchTakenBeforeIt() {
        CompletionSignals.Watch before = CompletionSignals.watch("run-c");
        CompletionSignals.signal("run-c", new ChildRuns.Ending(RunStatus.FAILED, null, null, "boom"));

        CompletionSignals.Watch after = CompletionSignals.watch("run-c");
        assertNotSame(before, after);
        assertNull(after.ending());
        assertEquals("boom", before.ending().errorMessage());
    }
}
