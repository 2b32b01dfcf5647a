package dev.durable.workflow.service;

import dev.durable.workflow.engine.StepDispatcher;
import dev.durable.workflow.queue.RunQueue;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Executes parallel steps on this server: each dispatched step is a task of the managed executor
 * {@value #EXECUTOR} (its concurrency policy in server.xml bounds how many run at once), which begins an
 * attempt under the run's row lock, runs the step and records the outcome ({@link StepExecutor}); no
 * message, no hop. A delivery waiting in {@code race}/{@code any} is woken by each end, one waiting in
 * {@code all} once the run's steps here have all ended or one failed for good. A
 * retry within a few seconds waits on a timer here; a longer one, and a step the executor refuses, goes
 * as a persistent message on the run queue. If the server dies with steps in flight, the parked run's
 * check-back time brings it back and its delivery dispatches them again.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StepPool implements StepDispatcher {
    /** JNDI name of the executor that runs parallel steps (workflow-liberty-config.xml). */
    public static final String EXECUTOR = "concurrent/workflow/Steps";

    private static final Logger LOG = Logger.getLogger(StepPool.class.getName());

    /** Retries this close wait on a timer here; later ones as a delayed message. */
    private static final long SHORT_RETRY_MILLIS = 5000;

    /** Every attempt's end on this server takes the next number; a run's marks are these numbers. */
    private static final AtomicLong ENDS = new AtomicLong();

    /**
     * The steps of a run executing (or waiting to retry) here, the number of their last attempt's end, and
     * of the last end that failed a step for good.
     */
    private static final class Here {
        final Set<String> steps = new HashSet<>();
        long lastEnd = ENDS.get();
        long lastFailure = NONE;
    }

    private static final ConcurrentHashMap<String, Here> HERE = new ConcurrentHashMap<>();

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService timers;

    @EJB
    StepExecutor steps;

    @EJB
    RunQueue queue;

    @Override
    public void dispatch(String runId, List<String> stepIds) {
        List<String> refused = new ArrayList<>();
        for (String stepId : stepIds) {
            if (!take(runId, stepId)) {
                continue; // already executing here
            }
            try {
                executor.execute(() -> attempt(runId, stepId));
            } catch (RejectedExecutionException e) {
                ended(runId, stepId, true, false);
                refused.add(stepId);
            }
        }
        if (!refused.isEmpty()) {
            queue.sendSteps(runId, refused);
        }
    }

    @Override
    public long mark(String runId) {
        Here here = HERE.get(runId);
        if (here == null) {
            return NONE;
        }
        synchronized (here) {
            return here.lastEnd;
        }
    }

    @Override
    public boolean awaitStepEnd(String runId, long mark, long maxNanos) {
        if (mark == NONE) {
            return false;
        }
        Here here = HERE.get(runId);
        if (here == null) {
            return true; // all that executed here have ended since the mark
        }
        long deadline = System.nanoTime() + maxNanos;
        synchronized (here) {
            while (here.lastEnd <= mark) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(here, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public boolean awaitSettled(String runId, long mark, long maxNanos) {
        if (mark == NONE) {
            return false;
        }
        Here here = HERE.get(runId);
        if (here == null) {
            return true; // all that executed here have ended since the mark
        }
        long deadline = System.nanoTime() + maxNanos;
        synchronized (here) {
            while (!here.steps.isEmpty() && here.lastFailure <= mark) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(here, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return here.lastEnd > mark;
        }
    }

    private void attempt(String runId, String stepId) {
        StepExecutor.Next next;
        try {
            next = steps.execute(runId, stepId);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Parallel step " + stepId + " of run " + runId + " could not be executed (" + e
                    + "); the run dispatches it again when it looks back");
            ended(runId, stepId, true, false);
            return;
        }
        if (next.resumeRun()) {
            queue.ringAfterCommit(runId); // no transaction here: rung at once
        }
        long retry = next.retryAfterMillis();
        if (retry >= 0 && retry <= SHORT_RETRY_MILLIS) {
            ended(runId, stepId, false, false);
            try {
                timers.schedule(() -> again(runId, stepId), retry, TimeUnit.MILLISECONDS);
                return;
            } catch (RuntimeException stopping) {
                retry = SHORT_RETRY_MILLIS + 1; // no timer (the server is stopping): a message instead
            }
        }
        if (retry >= 0) {
            queue.sendStep(runId, stepId, retry);
        }
        ended(runId, stepId, true, next.failed());
    }

    /** A short retry's timer fired: the next attempt, here if the executor takes it. */
    private void again(String runId, String stepId) {
        try {
            executor.execute(() -> attempt(runId, stepId));
        } catch (RejectedExecutionException e) {
            queue.sendStep(runId, stepId, 0);
            ended(runId, stepId, true, false);
        }
    }

    /** Records the step as executing here; {@code false} if it already is. */
    private static boolean take(String runId, String stepId) {
        boolean[] taken = {false};
        HERE.compute(runId, (id, here) -> {
            Here h = here == null ? new Here() : here;
            synchronized (h) {
                taken[0] = h.steps.add(stepId);
            }
            return h;
        });
        return taken[0];
    }

    /**
     * An attempt ended: wakes the run's waiting delivery; {@code leaves}: the step no longer executes here;
     * {@code failed}: it failed for good.
     */
    private static void ended(String runId, String stepId, boolean leaves, boolean failed) {
        HERE.computeIfPresent(runId, (id, here) -> {
            synchronized (here) {
                if (leaves) {
                    here.steps.remove(stepId);
                }
                here.lastEnd = ENDS.incrementAndGet();
                if (failed) {
                    here.lastFailure = here.lastEnd;
                }
                here.notifyAll();
                return here.steps.isEmpty() ? null : here;
            }
        });
    }
}
