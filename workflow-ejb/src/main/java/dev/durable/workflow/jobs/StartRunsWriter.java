package dev.durable.workflow.jobs;

import dev.durable.workflow.api.InvalidArgumentsException;
import dev.durable.workflow.api.InvalidJobException;
import dev.durable.workflow.api.StartOptions;
import dev.durable.workflow.api.WorkflowService;
import dev.durable.workflow.codec.JsonCodec;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a chunk of runs, one per line, with one {@code startAll} in the chunk's transaction: the runs and
 * the checkpoint commit together, so a restart starts no line twice. A line that is not a JSON array, or
 * whose arguments do not fit the workflow, fails the job naming the line; the chunk it is in starts nothing.
 */
@Named("startRunsWriter")
@Dependent
public class StartRunsWriter extends AbstractItemWriter {
    @EJB
    WorkflowService workflows;

    @Inject @BatchProperty String workflowName;
    @Inject @BatchProperty String deploymentId;

    @Override
    public void writeItems(List<Object> items) {
        List<List<JsonValue>> argsList = new ArrayList<>(items.size());
        for (Object item : items) {
            ArgumentLineReader.Line line = (ArgumentLineReader.Line) item;
            JsonValue value;
            try {
                value = JsonCodec.parse(line.text());
            } catch (RuntimeException e) {
                throw new InvalidJobException("Line " + line.number() + " of the input file is not JSON: " + e.getMessage());
            }
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new InvalidJobException("Line " + line.number() + " of the input file is not a JSON array of arguments");
            }
            argsList.add((JsonArray) value);
        }
        String deployment = JobParameters.blankToNull(deploymentId);
        StartOptions options = deployment == null ? StartOptions.none() : StartOptions.builder().deploymentId(deployment).build();
        try {
            workflows.startAll(workflowName.strip(), argsList, options);
        } catch (InvalidArgumentsException e) {
            long first = ((ArgumentLineReader.Line) items.get(0)).number();
            throw new InvalidJobException("In the chunk of lines from " + first + ": " + e.getMessage());
        }
    }
}
