package dev.durable.workflow.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Parses durations written like {@code "500ms"}, {@code "30s"}, {@code "10m"}, {@code "2h"}, {@code "5d"} or ISO-8601. */
public final class Durations {
    private Durations() {
    }

    /** The latest instant a sleep or a hook's timeout may end at: what every supported database stores. */
    public static final Instant LATEST_WAKE_UP = Instant.parse("9999-12-31T00:00:00Z");

    /** @throws IllegalArgumentException if the text is not a duration, or is negative */
    public static Duration parse(String text) {
        Duration parsed = parseAny(text);
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("A duration must not be negative: '" + text + "'");
        }
        return parsed;
    }

    /**
     * When a wait of {@code duration} from {@code from} ends.
     *
     * @throws IllegalArgumentException if the duration is negative or ends after {@link #LATEST_WAKE_UP}
     */
    public static Instant end(Instant from, Duration duration, String what) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + duration);
        }
        if (Duration.between(from, LATEST_WAKE_UP).compareTo(duration) < 0) {
            throw new IllegalArgumentException(what + " of " + duration.toDays() + " days ends after " + LATEST_WAKE_UP);
        }
        return from.plus(duration);
    }

    /** @throws IllegalArgumentException if the instant is after {@link #LATEST_WAKE_UP} */
    public static Instant checkWakeUp(Instant at, String what) {
        if (at.isAfter(LATEST_WAKE_UP)) {
            throw new IllegalArgumentException(what + " must end by " + LATEST_WAKE_UP + ", not " + at);
        }
        return at;
    }

    private static Duration parseAny(String text) {
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
