package dev.durable.workflow.jobs;

import dev.durable.workflow.api.JobInfo;
import dev.durable.workflow.api.JobStateException;
import dev.durable.workflow.api.UnknownJobException;
import dev.durable.workflow.api.WorkflowInspector;
import dev.durable.workflow.api.WorkflowJobs;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@link WorkflowJobs} session bean, over the batch runtime's {@link JobOperator}: the jobs' XML is in
 * this module ({@code META-INF/batch-jobs}), which is why they are started from here.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@DeclareRoles(WorkflowInspector.ADMIN)
@RolesAllowed(WorkflowInspector.ADMIN)
public class WorkflowJobsBean implements WorkflowJobs {

    @Override
    public JobInfo submit(String jobName, Map<String, String> parameters) {
        Properties properties = JobParameters.check(jobName, parameters);
        long executionId = operator().start(jobName, properties);
        return find(executionId).orElseThrow();
    }

    @Override
    public Optional<JobInfo> find(long executionId) {
        JobOperator operator = operator();
        try {
            JobExecution execution = operator.getJobExecution(executionId);
            if (!JobParameters.JOBS.contains(execution.getJobName())) {
                return Optional.empty();
            }
            return Optional.of(info(operator, execution));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<JobInfo> list(int limit) {
        JobOperator operator = operator();
        List<JobExecution> executions = new ArrayList<>();
        for (String job : JobParameters.JOBS) {
            try {
                operator.getJobInstances(job, 0, limit)
                        .forEach(instance -> executions.addAll(operator.getJobExecutions(instance)));
            } catch (NoSuchJobException e) {
                // never submitted
            }
        }
        return executions.stream().sorted(Comparator.comparingLong(JobExecution::getExecutionId).reversed())
                .limit(limit).map(e -> info(operator, e)).toList();
    }

    @Override
    public JobInfo restart(long executionId) {
        JobOperator operator = operator();
        JobExecution execution = existing(executionId);
        try {
            return find(operator.restart(executionId, execution.getJobParameters())).orElseThrow();
        } catch (JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException | JobRestartException e) {
            throw new JobStateException("Execution " + executionId + " of " + execution.getJobName() + " cannot be restarted: "
                    + "it is " + execution.getBatchStatus() + " (only the latest execution of a job that failed or stopped can be)");
        }
    }

    @Override
    public JobInfo stop(long executionId) {
        JobExecution execution = existing(executionId);
        try {
            operator().stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new JobStateException("Execution " + executionId + " of " + execution.getJobName() + " is not running: it is "
                    + execution.getBatchStatus());
        }
        return find(executionId).orElseThrow();
    }

    private JobExecution existing(long executionId) {
        try {
            JobExecution execution = operator().getJobExecution(executionId);
            if (JobParameters.JOBS.contains(execution.getJobName())) {
                return execution;
            }
        } catch (NoSuchJobExecutionException e) {
            // said below
        }
        throw new UnknownJobException("No execution " + executionId + " of the workflow jobs");
    }

    private static JobInfo info(JobOperator operator, JobExecution execution) {
        long read = 0;
        long written = 0;
        for (StepExecution step : operator.getStepExecutions(execution.getExecutionId())) {
            for (Metric metric : step.getMetrics()) {
                if (metric.getType() == Metric.MetricType.READ_COUNT) {
                    read += metric.getValue();
                } else if (metric.getType() == Metric.MetricType.WRITE_COUNT) {
                    written += metric.getValue();
                }
            }
        }
        Map<String, String> parameters = new TreeMap<>();
        Properties p = execution.getJobParameters();
        if (p != null) {
            p.stringPropertyNames().forEach(name -> parameters.put(name, p.getProperty(name)));
        }
        return new JobInfo(execution.getExecutionId(), operator.getJobInstance(execution.getExecutionId()).getInstanceId(),
                execution.getJobName(), execution.getBatchStatus().name(), execution.getExitStatus(),
                instant(execution.getCreateTime()), instant(execution.getStartTime()), instant(execution.getEndTime()),
                parameters, read, written);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
