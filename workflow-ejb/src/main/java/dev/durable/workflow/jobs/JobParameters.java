package dev.durable.workflow.jobs;

import dev.durable.workflow.api.InvalidJobException;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.WorkflowJobs;
import dev.durable.workflow.store.RunSelection;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The parameters each job takes, checked once when a job is submitted through {@link WorkflowJobs} and
 * again when it opens (a job submitted through batch management comes straight to the batch runtime).
 */
final class JobParameters {
    static final Set<String> JOBS = Set.of(WorkflowJobs.PURGE_RUNS, WorkflowJobs.CANCEL_RUNS, WorkflowJobs.RERUN_RUNS,
            WorkflowJobs.START_RUNS);
    static final int MAX_CHUNK = 1000;
    private static final Set<String> FILTER = Set.of("workflowName", "status", "errorCode", "createdAfter", "createdBefore",
            "chunkSize");
    private static final Map<String, Set<String>> TAKES = Map.of(
            WorkflowJobs.PURGE_RUNS, with(FILTER, "olderThanDays"),
            WorkflowJobs.CANCEL_RUNS, with(FILTER, "reason"),
            WorkflowJobs.RERUN_RUNS, FILTER,
            WorkflowJobs.START_RUNS, Set.of("workflowName", "inputFile", "deploymentId", "chunkSize"));

    private JobParameters() {
    }

    /** The parameters as job properties, once each is known to the job and well formed. */
    static Properties check(String job, Map<String, String> parameters) {
        if (job == null || !JOBS.contains(job)) {
            throw new InvalidJobException("Unknown job '" + job + "': the jobs are " + String.join(", ", new java.util.TreeSet<>(JOBS)));
        }
        Properties properties = new Properties();
        parameters.forEach((name, value) -> {
            if (!TAKES.get(job).contains(name)) {
                throw new InvalidJobException("The job " + job + " takes no parameter '" + name + "'; it takes "
                        + String.join(", ", new java.util.TreeSet<>(TAKES.get(job))));
            }
            if (value != null && !value.isBlank()) {
                properties.setProperty(name, value.strip());
            }
        });
        chunkSize(properties.getProperty("chunkSize"));
        if (job.equals(WorkflowJobs.START_RUNS)) {
            require(properties, job, "workflowName");
            require(properties, job, "inputFile");
        } else {
            selection(job, properties::getProperty, Instant.now());
        }
        return properties;
    }

    /** The runs a filter job works through, from its parameters ({@code null} or blank when not given). */
    static RunSelection selection(String job, java.util.function.Function<String, String> parameter, Instant now) {
        Set<String> allowed = job.equals(WorkflowJobs.CANCEL_RUNS)
                ? Set.of(RunStatus.PENDING.wireName(), RunStatus.RUNNING.wireName())
                : Set.of(RunStatus.COMPLETED.wireName(), RunStatus.FAILED.wireName(), RunStatus.CANCELLED.wireName());
        Set<String> statuses = new LinkedHashSet<>();
        String status = blankToNull(parameter.apply("status"));
        if (status == null) {
            statuses.addAll(allowed);
        } else {
            for (String s : status.split(",")) {
                String name = s.strip().toLowerCase(java.util.Locale.ROOT);
                if (!allowed.contains(name)) {
                    throw new InvalidJobException("The job " + job + " takes runs in the statuses "
                            + String.join(", ", new java.util.TreeSet<>(allowed)) + ", not '" + s.strip() + "'");
                }
                statuses.add(name);
            }
        }
        String workflowName = blankToNull(parameter.apply("workflowName"));
        String errorCode = blankToNull(parameter.apply("errorCode"));
        Instant createdAfter = instant(parameter.apply("createdAfter"), "createdAfter");
        Instant createdBefore = instant(parameter.apply("createdBefore"), "createdBefore");
        Instant endedBefore = null;
        if (job.equals(WorkflowJobs.PURGE_RUNS)) {
            String days = blankToNull(parameter.apply("olderThanDays"));
            if (days == null) {
                throw new InvalidJobException("The job purgeRuns needs olderThanDays: it purges runs that ended more than that many days ago");
            }
            endedBefore = now.minus(Duration.ofDays(number(days, "olderThanDays", 0, 100_000)));
        } else if (workflowName == null && status == null && errorCode == null && createdAfter == null && createdBefore == null) {
            throw new InvalidJobException("The job " + job + " needs a filter: at least one of workflowName, status, "
                    + "errorCode, createdAfter or createdBefore");
        }
        return new RunSelection(workflowName, statuses, errorCode, createdAfter, createdBefore, endedBefore);
    }

    /** The chunk size a job's parameter asks for: runs (or lines) per transaction and checkpoint. */
    static int chunkSize(String value) {
        return value == null || value.isBlank() ? 100 : (int) number(value, "chunkSize", 1, MAX_CHUNK);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void require(Properties properties, String job, String name) {
        if (properties.getProperty(name) == null) {
            throw new InvalidJobException("The job " + job + " needs " + name);
        }
    }

    private static Instant instant(String value, String name) {
        value = blankToNull(value);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidJobException(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, not '" + clip(value) + "'");
        }
    }

    private static long number(String value, String name, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidJobException(name + " must be a whole number from " + min + " to " + max + ", not '" + clip(value) + "'");
    }

    private static String clip(String value) {
        return value.length() > 50 ? value.substring(0, 50) + "…" : value;
    }

    private static Set<String> with(Set<String> base, String extra) {
        Set<String> all = new java.util.HashSet<>(base);
        all.add(extra);
        return Set.copyOf(all);
    }
}
