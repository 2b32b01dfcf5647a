package dev.durable.workflow.service;

import dev.durable.workflow.codec.JsonCodec;
import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.engine.StepAttempt;
import dev.durable.workflow.engine.Retries;
import dev.durable.workflow.engine.WorkflowRegistry;
import dev.durable.workflow.store.ParallelStep;
import dev.durable.workflow.store.ParallelStepJournal;
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
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One attempt of a parallel step, on this server's step executor ({@link StepPool}) or from a queue
 * message: begin it (under the run's row lock, so duplicates do not both run it), execute the step
 * method outside any transaction, record the outcome, and say whether to resume the run.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StepExecutor {

    /**
     * What the message listener does next.
     *
     * @param retryAfterMillis enqueue this step again after this delay; negative: do not
     * @param resumeRun whether to enqueue the run
     * @param failed whether the step failed for good (no attempt follows)
     */
    public record Next(long retryAfterMillis, boolean resumeRun, boolean failed) {
    }

    @EJB
    RunStore store;

    /** The engine's database, for the steps' JDBC writes (see {@link ParallelStepJournal}). */
    @Resource(name = "jdbc/workflow", lookup = "jdbc/workflow")
    DataSource dataSource;

    @EJB
    WebhookReplies replies;

    @EJB
    StreamDao streams;

    @Inject
    WorkflowRegistry registry;

    private StepSupport support;
    private ParallelStepJournal journal;

    @jakarta.annotation.PostConstruct
    void init() {
        support = new StepSupport(store, replies, streams);
        journal = new ParallelStepJournal(dataSource);
    }

    /** Executes an attempt of the step, if one is due. */
    public Next execute(String runId, String stepId) {
        ParallelStep step = journal.begin(runId, stepId, EngineClock.now());
        if (step.attempt() == 0) {
            return new Next(step.retryAt() == null ? -1
                    : Math.max(0, Duration.between(EngineClock.now(), step.retryAt()).toMillis()), false, false);
        }
        StepAttempt outcome = registry.withStep(step.stepName(), (bean, method) -> {
            Retries retries = Retries.of(method, registry.require(step.workflowName()).workflowClass());
            Object[] args = JsonCodec.decodeArguments(step.inputJson(), method.getGenericParameterTypes());
            return StepAttempt.run(runId, stepId, step.stepName(), step.attempt(), step.startedAt(), retries, EngineClock.CLOCK,
                    support, () -> {
                try {
                    return method.invoke(bean, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
                }
            });
        });
        boolean resume = journal.finish(runId, outcome.events(), outcome.last(), outcome.failed(), EngineClock.now());
        long retry = outcome.retryAt() == null ? -1 : Math.max(0, Duration.between(EngineClock.now(), outcome.retryAt()).toMillis());
        return new Next(retry, resume, outcome.last() && outcome.failed());
    }
}
