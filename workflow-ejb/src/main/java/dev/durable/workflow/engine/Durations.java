package dev.durable.workflow.engine;

import java.time.Duration;
import java.util.Locale;

/** Parses durations written like {@code "500ms"}, {@code "30s"}, {@code "10m"}, {@code "2h"}, {@code "5d"} or ISO-8601. */
public final class Durations {
    private Durations() {
    }

    /** @throws IllegalArgumentException if the text is not a duration */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p") || s.startsWith("-p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1).trim());
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (write e.g. 500ms, 30s, 10m, 2h, 5d or PT30S)");
        }
    }
}
