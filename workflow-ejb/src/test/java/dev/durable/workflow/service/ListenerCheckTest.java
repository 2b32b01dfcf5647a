package dev.durable.workflow.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.EngineUnavailableException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The check that something consumes the run queue: it fails only when nothing was ever consumed in time. */
class ListenerCheckTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(30);

    @Test
    void nothingConsumedWithinTheWindowRefusesRunsWithTheFixUntilSomethingIs() {
        ListenerCheck.started(T0);
        ListenerCheck.check(T0.plusSeconds(29), WINDOW);
        assertDoesNotThrow(ListenerCheck::requireConsumer, "within the window, nothing is decided");
        ListenerCheck.check(T0.plusSeconds(30), WINDOW);
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, ListenerCheck::requireConsumer);
        assertTrue(e.getMessage().contains("workflow/RunListener") && e.getMessage().contains("workflow-liberty-config.xml"),
                e.getMessage());
        ListenerCheck.consumed();
        assertDoesNotThrow(ListenerCheck::requireConsumer);
    }

    @Test
    void onceSomethingWasConsumedTheCheckNeverFailsAgain() {
        ListenerCheck.started(T0);
        ListenerCheck.consumed();
        ListenerCheck.check(T0.plus(Duration.ofHours(5)), WINDOW);
        assertDoesNotThrow(ListenerCheck::requireConsumer, "a backlog or an outage later is not a missing listener");
    }
}
