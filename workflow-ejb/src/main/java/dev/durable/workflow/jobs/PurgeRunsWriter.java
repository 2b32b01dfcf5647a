package dev.durable.workflow.jobs;

import dev.durable.workflow.store.RunSweep;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.List;

/** Deletes a chunk of terminal runs with their events, hooks and streams, in the chunk's transaction. */
@Named("purgeRunsWriter")
@Dependent
public class PurgeRunsWriter extends AbstractItemWriter {
    @EJB
    RunSweep sweep;

    @Override
    public void writeItems(List<Object> items) {
        sweep.purge(items.stream().map(String.class::cast).toList());
    }
}
