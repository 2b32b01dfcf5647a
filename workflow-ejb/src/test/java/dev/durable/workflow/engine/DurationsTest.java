package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations written as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 5d} or ISO-8601. */
class DurationsTest {

    @Test
    void milliseconds() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    }

    @Test
    void seconds() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    }

    @Test
    void minutes() {
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
    }

    @Test
    void hours() {
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
    }

    @Test
    void days() {
        assertEquals(Duration.ofDays(5), Durations.parse("5d"));
    }

    @Test
    void iso8601() {
        assertEquals(Duration.ofMinutes(1), Durations.parse("PT1M"));
    }

    @Test
    void emptyTextIsRefusedWithAHelpfulMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(""));

        assertEquals("Not a duration: '' (write e.g. 500ms, 30s, 10m, 2h, 5d or PT30S)", e.getMessage());
    }

    @Test
    void unknownUnitIsRefusedNamingTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("5x"));

        assertTrue(e.getMessage().startsWith("Not a duration: '5x'"), e.getMessage());
        assertTrue(e.getMessage().contains("500ms, 30s, 10m, 2h, 5d or PT30S"), e.getMessage());
    }

    @Test
    void wordIsRefusedNamingTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("abc"));

        assertTrue(e.getMessage().startsWith("Not a duration: 'abc'"), e.getMessage());
    }

    @Test
    void negativeDurationsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s"));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-PT1M"));
    }

    @Test
    void aWaitEndingAfterTheYear9999IsRefused() {
        java.time.Instant now = java.time.Instant.parse("2026-12-05T00:00:00Z");
        assertEquals(now.plusSeconds(60), Durations.end(now, Duration.ofMinutes(1), "A timeout"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Durations.end(now, Duration.ofDays(99_999_999_999L), "A timeout"));
        assertTrue(e.getMessage().contains("9999"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.end(now, Duration.ofSeconds(-1), "A timeout"));
    }
}
