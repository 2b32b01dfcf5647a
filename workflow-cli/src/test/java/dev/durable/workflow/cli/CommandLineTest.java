package dev.durable.workflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the CLI does before it reaches a server: arguments, times, tables and exit codes. */
class CommandLineTest {
    @Test
    void argumentsAreJsonOrElseStrings() {
        assertEquals(Json.createValue(5), Arguments.lenient("5"));
        assertEquals("[1,2]", Arguments.lenient("[1,2]").toString());
        assertEquals(Json.createValue("order-7"), Arguments.lenient("order-7"));
        assertEquals(Json.createValue("x"), Arguments.lenient("\"x\""));
        assertEquals(Json.createValue("1h"), Arguments.lenient("1h"), "not the 1 of 1h");
        assertEquals(Json.createValue("5 6"), Arguments.lenient("5 6"));
        assertEquals(Json.createValue("1,2"), Arguments.lenient("1,2"));
        ApiException e = assertThrows(ApiException.class, () -> Arguments.strict("{approved", "payload"));
        assertEquals(ApiException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("The payload is not one JSON value"), e.getMessage());
    }

    @Test
    void sinceTakesAnInstantOrAnAge() {
        assertEquals("2026-12-04T10:15:30Z", Inspect.instant("--since", "2026-12-04T10:15:30Z"));
        Instant twoHoursAgo = Instant.parse(Inspect.instant("--since", "2h"));
        assertTrue(Duration.between(twoHoursAgo, Instant.now()).minusHours(2).abs().getSeconds() < 5);
        assertEquals(null, Inspect.instant("--since", " "));
        ApiException e = assertThrows(ApiException.class, () -> Inspect.instant("--until", "yesterday"));
        assertEquals(ApiException.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("--until must be an ISO-8601 instant"), e.getMessage());
    }

    @Test
    void tablesAlignTheirColumnsAndCutLongCells() {
        StringWriter text = new StringWriter();
        Output.table("RUN", "STATUS").row("wrun_1", "completed").row("wrun_22", null).row("x".repeat(80), "y")
                .print(new PrintWriter(text));
        String[] lines = text.toString().split("\\R");
        assertEquals("RUN" + " ".repeat(59) + "STATUS", lines[0]);
        assertEquals("wrun_1" + " ".repeat(56) + "completed", lines[1]);
        assertTrue(lines[2].endsWith("-"), "a missing value is a dash: " + lines[2]);
        assertEquals(60, lines[3].indexOf("  y"), "a long cell is cut at 60 characters: " + lines[3]);
    }

    @Test
    void durationsReadLikeWords() {
        assertEquals("250 ms", Output.duration("2026-12-04T10:00:00Z", "2026-12-04T10:00:00.250Z"));
        assertEquals("2.5 s", Output.duration("2026-12-04T10:00:00Z", "2026-12-04T10:00:02.500Z"));
        assertEquals("3 min 5 s", Output.duration("2026-12-04T10:00:00Z", "2026-12-04T10:03:05Z"));
        assertEquals("26 h 0 min", Output.duration("2026-12-04T10:00:00Z", "2026-12-05T12:00:00Z"));
        assertEquals(null, Output.duration(null, null));
    }

    @Test
    void usageErrorsAndAnUnreachableServerHaveTheirExitCodes() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, WorkflowCli.run(new String[] {"inspect", "nothing"}, new PrintWriter(out), new PrintWriter(err)));
        assertEquals(2, WorkflowCli.run(new String[] {"inspect"}, new PrintWriter(out), new PrintWriter(err)));
        assertTrue(err.toString().contains("Say what to inspect"), err.toString());
        err.getBuffer().setLength(0);
        // port 9 (discard) on loopback: nothing listens there
        assertEquals(3, WorkflowCli.run(new String[] {"inspect", "runs", "--url", "http://127.0.0.1:9/workflow/api"},
                new PrintWriter(out), new PrintWriter(err)));
        assertTrue(err.toString().startsWith("workflow: Cannot connect to http://127.0.0.1:9/workflow/api"), err.toString());
        assertEquals(2, WorkflowCli.run(new String[] {"resume", "tok", "{not json", "--url", "http://127.0.0.1:9"},
                new PrintWriter(out), new PrintWriter(err)));
    }
}
