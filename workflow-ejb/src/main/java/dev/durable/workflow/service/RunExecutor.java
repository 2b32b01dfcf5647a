package dev.durable.workflow.service;

import dev.durable.workflow.engine.ChildRuns;
import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.api.ErrorCode;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.UnknownWorkflowException;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.EngineObserver;
import dev.durable.workflow.engine.Environment;
import dev.durable.workflow.engine.LoadedRun;
import dev.durable.workflow.engine.Replayer;
import dev.durable.workflow.engine.WorkflowDefinition;
import dev.durable.workflow.engine.WorkflowRegistry;
import dev.durable.workflow.store.Claim;
import dev.durable.workflow.store.DeliveryJournal;
import dev.durable.workflow.store.DeliveryStore;
import dev.durable.workflow.store.RunChanges;
import dev.durable.workflow.store.RunEnds;
import dev.durable.workflow.store.RunStore;
import dev.durable.workflow.store.StreamDao;
import dev.durable.workflow.store.WebhookReplies;
import jakarta.annotation.Resource;
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
import javax.sql.DataSource;

/**
 * One delivery of a run: take its lease, replay and continue the workflow, and say what to enqueue next.
 * Runs outside any transaction so that steps execute with none of the engine's open, and each write of
 * the delivery is its own short transaction.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunExecutor {
    private static final Logger LOG = Logger.getLogger(RunExecutor.class.getName());
    private static final Clock CLOCK = EngineClock.CLOCK;

    /** How often a message for a run that cannot be found is tried again (over about 10 s) before it is dropped. */
    static final int MISSING_RETRIES = 12;

    /**
     * What the message listener enqueues next.
     *
     * @param redeliverAfterMillis enqueue this run again after this delay; negative: do not
     * @param missing for a run not found: how many deliveries have not found it
     * @param resume another run to enqueue now (the parent of a child that ended), or {@code null}
     */
    public record Next(long redeliverAfterMillis, int missing, String resume) {
        static final Next NOTHING = new Next(-1, 0, null);

        static Next after(long millis) {
            return new Next(millis, 0, null);
        }

        static Next resume(String runId) {
            return new Next(-1, 0, runId);
        }
    }

    @EJB
    RunStore store;

    @EJB
    DeliveryStore deliveries;

    @EJB
    RunChanges changes;

    /** The engine's database, for a delivery's JDBC fast path (see {@link DeliveryJournal}). */
    @Resource(name = "jdbc/workflow", lookup = "jdbc/workflow")
    DataSource dataSource;

    @EJB
    RunLauncher launcher;

    @EJB
    WebhookReplies replies;

    @EJB
    StreamDao streams;

    @EJB
    StepPool stepPool;

    @Inject
    WorkflowRegistry registry;

    /**
     * Executes the run as far as it can go in one delivery.
     *
     * @param missingBefore how many earlier deliveries of this message found no such run
     */
    public Next deliver(String runId, int missingBefore) {
        try (DeliveryJournal journal = new DeliveryJournal(dataSource, deliveries)) {
            return deliver(journal, runId, missingBefore);
        }
    }

    private Next deliver(DeliveryJournal journal, String runId, int missingBefore) {
        Instant now = CLOCK.instant();
        Claim claim = journal.claim(runId, ServerIdentity.OWNER, now, now.plus(EngineConfig.LEASE));
        // with two-phase commit the message can arrive a few milliseconds before the run's row is visible:
        // look again briefly here, since a delayed message would come back only after about a second
        for (int i = 0; i < 40 && claim.kind() == Claim.Kind.MISSING && missingBefore == 0; i++) {
            EngineStats.missing(runId);
            pause(5);
            now = CLOCK.instant();
            claim = journal.claim(runId, ServerIdentity.OWNER, now, now.plus(EngineConfig.LEASE));
        }
        EngineStats.DELIVERIES.increment();
        switch (claim.kind()) {
            case DONE:
                // a child's end must resume its parent: repeat it, the first message may not have been sent
                return claim.parentRunId() == null ? Next.NOTHING : Next.resume(claim.parentRunId());
            case MISSING:
                return missing(runId, missingBefore);
            case BUSY:
                EngineStats.BUSY_DELIVERIES.increment();
                // another delivery holds the run: look again when its lease would run out
                long wait = claim.busyUntil() == null ? 1000 : Duration.between(now, claim.busyUntil()).toMillis();
                return Next.after(Math.max(1000, wait));
            default:
                break;
        }
        LoadedRun run = claim.run();
        WorkflowDefinition definition;
        try {
            definition = registry.require(run.workflowName());
        } catch (UnknownWorkflowException e) {
            journal.failRun(run, run.eventCount(), java.util.List.of(), ErrorCode.RUNTIME_ERROR,
                    "Workflow '" + run.workflowName() + "' is not deployed on this server");
            observeEnd(run, RunStatus.FAILED);
            return ended(run, null);
        }
        // the delivery is observed until its outcome is recorded, so that a trace's run span carries the end
        try (EngineObserver.Handle observed = EngineObserver.current().delivery(runId, run.workflowName(), run.traceParent())) {
            Replayer.Result result;
            try {
                Environment env = new Environment(journal, new ChildLauncher(launcher, store, registry), stepPool,
                        new StepSupport(store, replies, streams), CLOCK, EngineConfig.DELIVERY_BUDGET, EngineConfig.MAX_EVENTS,
                        EngineConfig.BASE_URL);
                result = registry.withInstance(definition.name(), instance -> new Replayer(env).execute(run, definition, instance));
            } catch (RuntimeException e) {
                observed.failed(e);
                // an engine or infrastructure failure: free the run for the redelivery the rollback causes
                deliveries.releaseLease(runId, run.leaseToken());
                throw e;
            }
            return switch (result.outcome()) {
                case CONTINUE -> {
                    deliveries.releaseLease(runId, run.leaseToken());
                    yield Next.after(0);
                }
                case SUSPENDED -> result.wakeAt() == null ? Next.NOTHING
                        : Next.after(Math.max(0, Duration.between(CLOCK.instant(), result.wakeAt()).toMillis()));
                case FENCE_LOST -> Next.NOTHING;
                default -> {
                    observeEnd(run, result.ending().status());
                    yield ended(run, result.ending());
                }
            };
        }
    }

    private static void observeEnd(LoadedRun run, RunStatus status) {
        EngineObserver.current().runEnded(run.runId(), run.workflowName(), status, run.startedAt(), CLOCK.instant());
    }

    /** A run whose message keeps failing outside user code: fail it, and resume its parent. */
    public Next poisoned(String runId, int deliveries) {
        String parent = changes.failUnfenced(runId, ErrorCode.MAX_DELIVERIES_EXCEEDED,
                "The run's message failed " + deliveries + " times outside the workflow's code; see the server log");
        LOG.warning(() -> "Failed run " + runId + " after " + deliveries + " failed deliveries");
        CompletionSignals.signal(runId);
        return parent == null ? Next.NOTHING : Next.resume(parent);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run ended: wake its waiters here with its end (read back if {@code null}), resume its parent. */
    private static Next ended(LoadedRun run, ChildRuns.Ending ending) {
        CompletionSignals.signal(run.runId(), ending == null ? null : new ChildRuns.Ending(ending.status(),
                ending.outputJson(), ending.errorCode(), RunEnds.truncate(ending.errorMessage())));
        return run.parentRunId() == null ? Next.NOTHING : Next.resume(run.parentRunId());
    }

    /**
     * A message whose run is not there. A message exists only if the transaction that started the run
     * committed, but with two-phase commit the messaging engine may commit, and deliver, before the
     * database's commit is visible: so look again a little later, and give up only after a while.
     */
    private static Next missing(String runId, int missingBefore) {
        EngineStats.missing(runId);
        if (missingBefore < MISSING_RETRIES) {
            return new Next(Math.min(2000, 10L << missingBefore), missingBefore + 1, null);
        }
        EngineStats.MISSING_RUN_DELIVERIES.increment();
        LOG.warning(() -> "Dropped a message for run " + runId + ", which does not exist");
        return Next.NOTHING;
    }
}
