package dev.durable.workflow.service;

import dev.durable.workflow.engine.EngineClock;
import dev.durable.workflow.queue.RunQueue;
import dev.durable.workflow.store.RunStore;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;

/** Persists a new run and enqueues it in one JTA transaction: the caller's, or a new one. */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class RunLauncher {

    @EJB
    RunStore store;

    @EJB
    RunQueue queue;

    /** Creates and enqueues the run; {@code parentRunId} is the run that starts it as a child, or {@code null}. */
    public void launch(String runId, String workflowName, String inputJson, String deploymentId, String idempotencyKey,
                       String parentRunId) {
        store.createRun(runId, workflowName, inputJson, deploymentId, idempotencyKey, parentRunId, EngineClock.now());
        queue.send(runId);
    }
}
