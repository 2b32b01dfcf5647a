package dev.durable.workflow.service;

import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.UnknownWorkflowException;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.LoadedRun;
import dev.durable.workflow.engine.Replayer;
import dev.durable.workflow.engine.WorkflowDefinition;
import dev.durable.workflow.engine.WorkflowRegistry;
import dev.durable.workflow.store.Claim;
import dev.durable.workflow.store.RunStore;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * One delivery of a run: take its lease, replay and continue the workflow, release. Runs outside any
 * transaction so that steps execute with none of the engine's open, and each write of the delivery is
 * its own short transaction.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunExecutor {
    private static final Logger LOG = Logger.getLogger(RunExecutor.class.getName());
    private static final Clock CLOCK = Clock.systemUTC();

    /**
     * What the message listener does next.
     *
     * @param redeliverAfterMillis enqueue the run again after this delay; negative: nothing to enqueue
     */
    public record Next(long redeliverAfterMillis, int missing) {
        static final Next NOTHING = new Next(-1, 0);

        Next(long redeliverAfterMillis) {
            this(redeliverAfterMillis, 0);
        }
    }

    /** How often a message for a run that cannot be found is tried again (over about 15 s) before it is dropped. */
    static final int MISSING_RETRIES = 12;

    @EJB
    RunStore store;

    @Inject
    WorkflowRegistry registry;

    /**
     * A message whose run is not there. A message exists only if the transaction that started the run
     * committed, but with two-phase commit the messaging engine may commit, and deliver, before the
     * database's commit is visible: so look again a little later, and give up only after a while.
     */
    private static Next missing(String runId, int missingBefore) {
        EngineStats.MISSING_RUN_SIGHTINGS.increment();
        if (missingBefore < MISSING_RETRIES) {
            return new Next(Math.min(2000, 10L << missingBefore), missingBefore + 1);
        }
        EngineStats.MISSING_RUN_DELIVERIES.increment();
        LOG.warning(() -> "Dropped a message for run " + runId + ", which does not exist");
        return Next.NOTHING;
    }

    /**
     * Executes the run as far as it can go in one delivery.
     *
     * @param missingBefore how many earlier deliveries of this message found no such run
     */
    public Next deliver(String runId, int missingBefore) {
        Instant now = CLOCK.instant();
        Claim claim = store.claim(runId, ServerIdentity.OWNER, now, now.plus(EngineConfig.LEASE));
        EngineStats.DELIVERIES.increment();
        switch (claim.kind()) {
            case DONE:
                return Next.NOTHING;
            case MISSING:
                return missing(runId, missingBefore);
            case BUSY:
                EngineStats.BUSY_DELIVERIES.increment();
                // another delivery holds the run: look again when its lease would run out
                long wait = claim.busyUntil() == null ? 1000 : Duration.between(now, claim.busyUntil()).toMillis();
                return new Next(Math.max(1000, wait));
            default:
                break;
        }
        LoadedRun run = claim.run();
        WorkflowDefinition definition;
        try {
            definition = registry.require(run.workflowName());
        } catch (UnknownWorkflowException e) {
            store.failRun(run, run.eventCount(), ErrorCode.RUNTIME_ERROR,
                    "Workflow '" + run.workflowName() + "' is not deployed on this server");
            CompletionSignals.signal(runId);
            return Next.NOTHING;
        }
        Replayer.Outcome outcome;
        try {
            outcome = registry.withInstance(definition.name(),
                    instance -> new Replayer(store, CLOCK, EngineConfig.DELIVERY_BUDGET).execute(run, definition, instance));
        } catch (RuntimeException e) {
            // an engine or infrastructure failure: free the run for the redelivery the rollback causes
            store.releaseLease(runId, run.leaseToken());
            throw e;
        }
        switch (outcome) {
            case CONTINUE:
                store.releaseLease(runId, run.leaseToken());
                return new Next(0);
            default:
                CompletionSignals.signal(runId);
                return Next.NOTHING;
        }
    }
}
