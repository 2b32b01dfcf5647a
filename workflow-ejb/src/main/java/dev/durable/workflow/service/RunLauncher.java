package dev.durable.workflow.service;

import dev.durable.workflow.engine.EngineObserver;
import dev.durable.workflow.queue.RunQueue;
import dev.durable.workflow.store.AfterCommit;
import dev.durable.workflow.store.NewRun;
import dev.durable.workflow.store.RunCreator;
import dev.durable.workflow.store.RunStore;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import javax.sql.DataSource;

/**
 * Persists new runs and rings for them once they are committed. In the caller's JTA transaction the
 * runs are persisted with it, and rung for after it commits: it touches only the database, so it
 * commits in one phase. Without one, they are written in a local JDBC transaction of their own
 * ({@link RunCreator}) and rung for at once.
 */
@Stateless
@LocalBean
public class RunLauncher {

    @EJB
    RunStore store;

    @EJB
    RunQueue queue;

    @Resource(name = "jdbc/workflow", lookup = "jdbc/workflow")
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Creates the runs in the caller's transaction, and rings for them once it commits. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void launchInTransaction(List<NewRun> runs) {
        runs.forEach(store::createRun);
        queue.ringAfterCommit(runs.stream().map(NewRun::runId).toList());
        AfterCommit.run(transactions, () -> observeStarted(runs));
    }

    /** Creates the runs in one transaction of their own, outside any other, and rings for them. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void launch(List<NewRun> runs) {
        RunCreator.create(dataSource, runs);
        queue.ringAfterCommit(runs.stream().map(NewRun::runId).toList());
        observeStarted(runs);
    }

    private static void observeStarted(List<NewRun> runs) {
        EngineObserver observer = EngineObserver.current();
        runs.forEach(run -> observer.runStarted(run.runId(), run.workflowName()));
    }
}
