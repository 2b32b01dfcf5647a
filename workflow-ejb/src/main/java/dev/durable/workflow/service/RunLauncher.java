package dev.durable.workflow.service;

import dev.durable.workflow.queue.RunQueue;
import dev.durable.workflow.store.RunStore;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.List;

/**
 * Persists a new run in the caller's JTA transaction, or a new one, and rings for it once that commits:
 * the transaction touches only the database, so it commits in one phase.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class RunLauncher {

    @EJB
    RunStore store;

    @EJB
    RunQueue queue;

    /** A run to create: its id, creation time and encoded arguments. */
    public record NewRun(String runId, Instant createdAt, String inputJson) {
    }

    /** Creates the runs of one workflow in this transaction, and rings for all of them once it commits. */
    public void launchAll(String workflowName, List<NewRun> runs, String deploymentId) {
        for (NewRun run : runs) {
            store.createRun(run.runId(), workflowName, run.inputJson(), deploymentId, null, null, run.createdAt());
        }
        queue.ringAfterCommit(runs.stream().map(NewRun::runId).toList());
    }

    /** Creates and enqueues the run; {@code parentRunId} is the run that starts it as a child, or {@code null}. */
    public void launch(String runId, Instant createdAt, String workflowName, String inputJson, String deploymentId, String idempotencyKey,
                       String parentRunId) {
        store.createRun(runId, workflowName, inputJson, deploymentId, idempotencyKey, parentRunId, createdAt);
        queue.ringAfterCommit(runId);
    }
}
