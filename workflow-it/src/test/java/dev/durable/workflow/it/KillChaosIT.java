package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chaos: one workload of 5 thousand-step runs and 300 ten-step runs, and the server killed with SIGKILL
 * three times at random moments while it runs: once under load, once while the restarted server is
 * recovering, once more later. Every run ends completed with every step's result, each step saved once,
 * and a step executes again only if it was in flight at a kill. The time to recover after each restart
 * is printed, with the random seed.
 */
class KillChaosIT {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final int KILLS = 3;
    private static final LibertyServer SERVER = new LibertyServer("wf-crash", 9183);

    @BeforeAll
    static void startServer() {
        SERVER.deploy(TestEar.build());
        SERVER.start();
    }

    @AfterAll
    static void stopServer() {
        SERVER.stop();
    }

    @Test
    void everyRunOfAWorkloadCompletesThroughThreeKillsAndNoSavedStepRunsTwice() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // the long runs first, so that they hold deliveries throughout; a pause per step keeps the workload
        // going for seconds, long enough to be killed three times
        CountingWorkload workload = new CountingWorkload(SERVER.http()).start(5, 1000, 10).start(300, 10, 40);

        List<String> report = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            // the first kill under load, the second just after the restart's recovery began, the third later
            long delay = switch (kill) {
                case 1 -> 500 + random.nextInt(1500);
                case 2 -> random.nextInt(500);
                default -> 1000 + random.nextInt(1500);
            };
            Http.sleep(delay);
            assertTrue(workload.executions() < workload.steps(), "the workload was still running at kill " + kill
                    + " (seed " + seed + ")");
            long killed = System.nanoTime();
            SERVER.kill();
            int atKill = workload.executions();
            SERVER.start();
            long serving = System.nanoTime();
            long resumed = workload.awaitExecutionsAbove(atKill, WAIT);
            report.add(String.format("kill %d, %d ms in: %d of %d steps executed; serving %.1f s after the kill,"
                    + " executing steps again %.2f s after that", kill, delay, atKill, workload.steps(),
                    (serving - killed) / 1e9, (resumed - serving) / 1e9));
        }
        System.out.println("[KillChaosIT] seed " + seed + "\n  " + String.join("\n  ", report));

        workload.assertAllCompletedOnce(WAIT, KILLS);
    }
}
