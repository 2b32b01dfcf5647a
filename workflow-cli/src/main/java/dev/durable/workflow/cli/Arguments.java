package dev.durable.workflow.cli;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** JSON values typed on a command line. */
final class Arguments {
    private Arguments() {
    }

    /**
     * A workflow argument: JSON when it parses as JSON ({@code 5}, {@code true}, {@code "x"}, {@code [1,2]},
     * {@code {"a":1}}), otherwise the text as a JSON string, so that {@code order-7} needs no quotes.
     */
    static JsonValue lenient(String text) {
        try {
            return strict(text, "argument");
        } catch (ApiException e) {
            return Json.createValue(text);
        }
    }

    /** A JSON value, or a usage error naming what it was for. */
    static JsonValue strict(String text, String what) {
        try {
            // inside brackets, so that trailing text ("1h") is an error rather than ignored after the "1"
            JsonArray one = Json.createReader(new StringReader("[" + text + "]")).readArray();
            if (one.size() == 1) {
                return one.get(0);
            }
        } catch (JsonException e) {
            // not JSON: refused below
        }
        throw new ApiException(ApiException.USAGE, "The " + what + " is not one JSON value: " + text
                + " (quote a string as '\"text\"')");
    }
}
