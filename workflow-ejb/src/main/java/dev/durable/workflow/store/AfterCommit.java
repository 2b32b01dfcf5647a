package dev.durable.workflow.store;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs a signal once the current JTA transaction has committed, outside it: nothing if it rolls back,
 * at once if there is no transaction. For what must not happen before the rows it tells of are visible
 * (a run's message, a stream's readers woken).
 */
public final class AfterCommit {
    private AfterCommit() {
    }

    /** Runs {@code signal} after the commit of the current transaction, or now if none is active. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable signal) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            signal.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signal.run();
                }
            }
        });
    }
}
