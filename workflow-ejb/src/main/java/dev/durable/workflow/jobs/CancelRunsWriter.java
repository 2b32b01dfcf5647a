package dev.durable.workflow.jobs;

import dev.durable.workflow.api.RunAlreadyTerminalException;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.api.WorkflowService;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Cancels a chunk of runs; one that ended (or was purged) since it was read is left as it is. */
@Named("cancelRunsWriter")
@Dependent
public class CancelRunsWriter extends AbstractItemWriter {
    @EJB
    WorkflowService workflows;

    @Inject
    JobContext jobContext;

    @Inject @BatchProperty String reason;

    @Override
    public void writeItems(List<Object> items) {
        String why = JobParameters.blankToNull(reason) != null ? reason.strip()
                : "Cancelled by the cancelRuns job (execution " + jobContext.getExecutionId() + ")";
        for (Object id : items) {
            try {
                workflows.getRun((String) id).cancel(why);
            } catch (RunAlreadyTerminalException | UnknownRunException e) {
                // it ended on its own meanwhile
            }
        }
    }
}
