package dev.durable.workflow.jobs;

import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.api.WorkflowService;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.List;

/**
 * Re-runs a chunk of terminal runs ({@code Run.rerun()}), in the chunk's transaction: the new runs and the
 * checkpoint commit together, so a restart re-runs no run twice.
 */
@Named("rerunRunsWriter")
@Dependent
public class RerunRunsWriter extends AbstractItemWriter {
    @EJB
    WorkflowService workflows;

    @Override
    public void writeItems(List<Object> items) {
        for (Object id : items) {
            try {
                workflows.getRun((String) id).rerun();
            } catch (UnknownRunException e) {
                // purged since it was read
            }
        }
    }
}
