package dev.durable.workflow.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Tables and values as people read them: aligned columns, local times, short durations, cut-off JSON. */
final class Output {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final int MAX_CELL = 60;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Output(List<String> headers) {
        this.headers = headers;
    }

    static Output table(String... headers) {
        return new Output(List.of(headers));
    }

    Output row(String... cells) {
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(cut(cell == null ? "-" : cell.replaceAll("\\s+", " ")));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, headers, widths);
        rows.forEach(row -> line(out, row, widths));
        out.flush();
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        out.println(b.toString().stripTrailing());
    }

    /** Prints {@code name  value} lines, the names aligned. */
    static void facts(PrintWriter out, String[][] facts) {
        int width = 0;
        for (String[] fact : facts) {
            width = Math.max(width, fact[0].length());
        }
        for (String[] fact : facts) {
            out.printf("%-" + width + "s  %s%n", fact[0], fact[1] == null ? "-" : fact[1]);
        }
        out.flush();
    }

    /** The member as text: a string as is, JSON {@code null} or a missing member as {@code null}, else its JSON. */
    static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    static String json(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v.toString();
    }

    static String time(String iso) {
        return iso == null ? null : TIME.format(Instant.parse(iso));
    }

    /** From one instant to the other, or to now while the second is missing. */
    static String duration(String from, String to) {
        if (from == null) {
            return null;
        }
        Duration d = Duration.between(Instant.parse(from), to == null ? Instant.now() : Instant.parse(to));
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return (ms / 60_000) + " min " + (ms / 1000 % 60) + " s";
        }
        return (ms / 3_600_000) + " h " + (ms / 60_000 % 60) + " min";
    }

    /** A run's error as {@code CODE: message}. */
    static String error(JsonObject run) {
        JsonValue e = run.get("error");
        if (e == null || e.getValueType() != JsonValue.ValueType.OBJECT) {
            return null;
        }
        JsonObject error = e.asJsonObject();
        return error.getString("code", "") + ": " + error.getString("message", "");
    }

    private static String cut(String s) {
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
    }
}
