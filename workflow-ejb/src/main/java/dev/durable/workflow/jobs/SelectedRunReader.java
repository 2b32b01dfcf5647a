package dev.durable.workflow.jobs;

import dev.durable.workflow.store.RunSelection;
import dev.durable.workflow.store.RunSweep;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Reads the ids of the runs a filter job selects, in id order, a page at a time. Its checkpoint is the last
 * id read and the newest id when the job first opened: a restart goes on after the last chunk committed,
 * and runs created while the job runs (its own re-runs among them) are never its input.
 */
@Named("selectedRuns")
@Dependent
public class SelectedRunReader extends AbstractItemReader {

    /** Where a job is in its selection. */
    record Position(String lastId, String upToId, long endedBeforeMillis) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    JobContext jobContext;

    @EJB
    RunSweep sweep;

    @Inject @BatchProperty String workflowName;
    @Inject @BatchProperty String status;
    @Inject @BatchProperty String errorCode;
    @Inject @BatchProperty String createdAfter;
    @Inject @BatchProperty String createdBefore;
    @Inject @BatchProperty String olderThanDays;
    @Inject @BatchProperty String chunkSize;

    private RunSelection selection;
    private Position position;
    private final Deque<String> page = new ArrayDeque<>();

    @Override
    public void open(Serializable checkpoint) {
        Map<String, String> parameters = new java.util.HashMap<>();
        put(parameters, "workflowName", workflowName);
        put(parameters, "status", status);
        put(parameters, "errorCode", errorCode);
        put(parameters, "createdAfter", createdAfter);
        put(parameters, "createdBefore", createdBefore);
        put(parameters, "olderThanDays", olderThanDays);
        position = (Position) checkpoint;
        // a restart keeps the first execution's cut-off, so "older than N days" means the same runs
        Instant now = position == null ? Instant.now() : Instant.ofEpochMilli(position.endedBeforeMillis());
        selection = JobParameters.selection(jobContext.getJobName(), parameters::get, now);
        if (position == null) {
            String newest = sweep.newestRunId();
            position = new Position(null, newest == null ? "" : newest, now.toEpochMilli());
        }
    }

    @Override
    public Object readItem() {
        if (page.isEmpty()) {
            page.addAll(sweep.select(selection, position.lastId(), position.upToId(), JobParameters.chunkSize(chunkSize)));
            if (page.isEmpty()) {
                return null;
            }
        }
        String id = page.poll();
        position = new Position(id, position.upToId(), position.endedBeforeMillis());
        return id;
    }

    @Override
    public Serializable checkpointInfo() {
        return position;
    }

    private static void put(Map<String, String> parameters, String name, String value) {
        String v = JobParameters.blankToNull(value);
        if (v != null) {
            parameters.put(name, v);
        }
    }
}
