package dev.durable.workflow.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.InvalidJobException;
import dev.durable.workflow.store.RunSelection;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobParametersTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void purgeSelectsTerminalRunsThatEndedBeforeTheCutOff() {
        RunSelection s = JobParameters.selection("purgeRuns", Map.of("olderThanDays", "30", "workflowName", "addTen")::get, NOW);
        assertEquals(Set.of("completed", "failed", "cancelled"), s.statuses());
        assertEquals(Instant.parse("2026-11-05T12:00:00Z"), s.endedBefore());
        assertEquals("addTen", s.workflowName());
        assertNull(s.createdAfter());
    }

    @Test
    void cancelTakesLiveStatusesOnlyAndNeedsAFilter() {
        RunSelection s = JobParameters.selection("cancelRuns", Map.of("status", "Pending, running")::get, NOW);
        assertEquals(Set.of("pending", "running"), s.statuses());
        InvalidJobException noFilter = assertThrows(InvalidJobException.class,
                () -> JobParameters.selection("cancelRuns", Map.<String, String>of()::get, NOW));
        assertTrue(noFilter.getMessage().contains("needs a filter"), noFilter.getMessage());
        assertThrows(InvalidJobException.class, () -> JobParameters.selection("cancelRuns", Map.of("status", "completed")::get, NOW));
        assertThrows(InvalidJobException.class, () -> JobParameters.selection("rerunRuns", Map.of("status", "running")::get, NOW));
    }

    @Test
    void checkRefusesUnknownJobsParametersAndMalformedValues() {
        assertThrows(InvalidJobException.class, () -> JobParameters.check("compact", Map.of()));
        assertThrows(InvalidJobException.class, () -> JobParameters.check(null, Map.of()));
        InvalidJobException typo = assertThrows(InvalidJobException.class,
                () -> JobParameters.check("purgeRuns", Map.of("olderThan", "3")));
        assertTrue(typo.getMessage().contains("olderThanDays"), "names what it takes: " + typo.getMessage());
        assertThrows(InvalidJobException.class, () -> JobParameters.check("purgeRuns", Map.of()));
        assertThrows(InvalidJobException.class, () -> JobParameters.check("purgeRuns", Map.of("olderThanDays", "-1")));
        assertThrows(InvalidJobException.class, () -> JobParameters.check("purgeRuns", Map.of("olderThanDays", "1", "chunkSize", "1001")));
        assertThrows(InvalidJobException.class, () -> JobParameters.check("rerunRuns", Map.of("createdBefore", "yesterday")));
        assertThrows(InvalidJobException.class, () -> JobParameters.check("startRuns", Map.of("workflowName", "addTen")));
        String huge = "9".repeat(5000);
        InvalidJobException clipped = assertThrows(InvalidJobException.class,
                () -> JobParameters.check("purgeRuns", Map.of("olderThanDays", huge)));
        assertTrue(clipped.getMessage().length() < 200, clipped.getMessage());
    }

    @Test
    void checkedParametersBecomeJobPropertiesWithoutBlanks() {
        Properties p = JobParameters.check("startRuns", Map.of("workflowName", " addTen ", "inputFile", "/tmp/a.jsonl",
                "deploymentId", " "));
        assertEquals("addTen", p.getProperty("workflowName"));
        assertNull(p.getProperty("deploymentId"));
        assertEquals(100, JobParameters.chunkSize(null));
        assertEquals(7, JobParameters.chunkSize("7"));
    }
}
