package dev.durable.workflow.jobs;

import dev.durable.workflow.api.JobInfo;
import dev.durable.workflow.api.WorkflowInspector;
import dev.durable.workflow.api.WorkflowJobs;
import dev.durable.workflow.engine.EngineConfig;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Retention: with {@code workflow/retentionDays} above 0 (the engine's start then calls {@link #schedule()}), submits {@code purgeRuns} once a day (the first a
 * minute after the start) for the runs that ended more than that many days ago, unless a purge of that age
 * was submitted in the last 23 hours (by any server sharing the job repository).
 *
 * <p>No user calls a timer, but batch jobs are started by someone in a batch role: this bean runs as
 * {@code workflow-admin}, whose run-as user the application's binding names ({@code <run-as userid=…/>} in
 * the {@code workflow-admin} security role). Without one, each attempt logs what to configure. The bean is
 * created only when retention is on, so an application without a run-as user never has it checked.
 */
@Singleton
@LocalBean
@RunAs(WorkflowInspector.ADMIN)
@DeclareRoles(WorkflowInspector.ADMIN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    private static final Duration FIRST = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);

    @Resource
    TimerService timers;

    @EJB
    WorkflowJobs jobs;

    /** Schedules the daily purge on this server (not persistent: each start schedules it again). */
    public void schedule() {
        timers.createIntervalTimer(FIRST.toMillis(), DAY.toMillis(), new TimerConfig("retention", false));
        LOG.info(() -> "Retention: runs that ended more than " + EngineConfig.RETENTION_DAYS + " days ago are purged daily");
    }

    @Timeout
    void daily() {
        int days = EngineConfig.RETENTION_DAYS;
        try {
            Instant recent = Instant.now().minus(Duration.ofHours(23));
            boolean done = jobs.list(50).stream().anyMatch(job -> job.jobName().equals(WorkflowJobs.PURGE_RUNS)
                    && String.valueOf(days).equals(job.parameters().get("olderThanDays")) && job.parameters().size() == 1
                    && job.createdAt().isAfter(recent));
            if (!done) {
                purgeEndedBefore(days);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Retention could not submit purgeRuns (runs ended more than " + days + " days ago): " + e
                    + ". It runs as the application's run-as user of the role workflow-admin, who must be in a batch role "
                    + "(batchAdmin or batchSubmitter): name one with <run-as userid=\"…\" password=\"…\"/> in the "
                    + "workflow-admin security role of the application's binding");
        }
    }

    /** Submits {@code purgeRuns} for the runs that ended more than {@code days} days ago, now. */
    public JobInfo purgeEndedBefore(int days) {
        JobInfo job = jobs.submit(WorkflowJobs.PURGE_RUNS, Map.of("olderThanDays", Integer.toString(days)));
        LOG.info(() -> "Retention: purgeRuns (execution " + job.executionId() + ") purges the runs that ended more than "
                + days + " days ago");
        return job;
    }
}
