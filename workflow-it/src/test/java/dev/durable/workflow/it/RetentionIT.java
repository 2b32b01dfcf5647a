package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.JobInfo;
import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.WorkflowService;
import dev.durable.workflow.jobs.Retention;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention inside the real server: the purge it submits (as its run-as user, the test binding's dev) is a
 * purgeRuns job that deletes the runs that ended longer ago than the retention, and only those.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        return TestEar.withTestClasses(RetentionIT.class);
    }

    @EJB
    WorkflowService workflows;

    @EJB
    Retention retention;

    @Resource(lookup = "jdbc/workflow")
    DataSource database;

    @Test
    void theRetentionPurgeDeletesRunsThatEndedLongerAgoAndKeepsTheRest() throws Exception {
        Run<Integer> old = workflows.start("addTen", List.of(1));
        Run<Integer> recent = workflows.start("addTen", List.of(2));
        assertEquals(11, old.returnValue(WAIT));
        assertEquals(12, recent.returnValue(WAIT));
        try (Connection c = database.getConnection();
             PreparedStatement ended = c.prepareStatement("UPDATE WF_RUN SET COMPLETED_AT = ? WHERE RUN_ID = ?")) {
            ended.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofDays(3))));
            ended.setString(2, old.runId());
            assertEquals(1, ended.executeUpdate());
        }

        JobInfo job = retention.purgeEndedBefore(2);
        assertEquals("purgeRuns", job.jobName());
        assertEquals(Map.of("olderThanDays", "2"), job.parameters());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (old.exists() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(old.exists(), "the run that ended three days ago is purged");
        assertTrue(recent.exists(), "the run that ended now is kept");
        assertEquals(12, recent.returnValue(WAIT));
    }
}
