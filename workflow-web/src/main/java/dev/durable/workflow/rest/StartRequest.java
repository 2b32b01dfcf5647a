package dev.durable.workflow.rest;

import dev.durable.workflow.api.InvalidArgumentsException;
import dev.durable.workflow.api.StartOptions;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /runs}, parsed and checked:
 * {@code {"workflowName": "...", "args": [...], "deploymentId": "...", "idempotencyKey": "..."}}.
 * Only {@code workflowName} is required; a member that is absent or JSON {@code null} takes its
 * default; members the API does not know are ignored. The arguments stay JSON values: the engine
 * checks them against the workflow's parameter types.
 *
 * @param workflowName the workflow to start
 * @param args its arguments, empty by default
 * @param options the deployment id and idempotency key, if given
 */
public record StartRequest(String workflowName, List<JsonValue> args, StartOptions options) {

    /** The longest workflow name accepted (names are Java identifiers or short strings). */
    public static final int MAX_NAME_LENGTH = 200;
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    /**
     * Parses a request body.
     *
     * @throws ProblemException (400) if the body is not JSON or a member is missing or of the wrong type
     */
    public static StartRequest parse(String body) {
        JsonValue value = parseJson(body);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid("The request body must be a JSON object, not " + describe(value));
        }
        JsonObject object = value.asJsonObject();

        JsonValue name = object.get("workflowName");
        if (isAbsent(name)) {
            throw invalid("workflowName is required");
        }
        if (!(name instanceof JsonString s)) {
            throw invalid("workflowName must be a string, not " + describe(name));
        }
        if (s.getString().isBlank()) {
            throw invalid("workflowName must not be empty");
        }
        if (s.getString().length() > MAX_NAME_LENGTH) {
            throw invalid("workflowName must be at most " + MAX_NAME_LENGTH + " characters long");
        }
        if (s.getString().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid("workflowName must not contain control characters");
        }

        JsonValue args = object.get("args");
        List<JsonValue> argList;
        if (isAbsent(args)) {
            argList = List.of();
        } else if (args instanceof JsonArray array) {
            argList = array;
        } else {
            throw invalid("args must be an array, not " + describe(args));
        }

        String deploymentId = optionalString(object, "deploymentId");
        String idempotencyKey = optionalString(object, "idempotencyKey");
        StartOptions options;
        try {
            options = StartOptions.builder().deploymentId(deploymentId).idempotencyKey(idempotencyKey).build();
        } catch (InvalidArgumentsException e) {
            // a malformed option is a bad request member, not a bad workflow argument
            throw invalid(e.getMessage());
        }
        return new StartRequest(s.getString(), argList, options);
    }

    /**
     * Reads a whole body as UTF-8 (the encoding of JSON, RFC 8259), refusing bytes that are not UTF-8
     * rather than replacing them silently.
     *
     * @throws ProblemException (400) if it is not UTF-8; (413) if the stream is a {@link LimitedInputStream}
     *         past its limit
     */
    public static String readBody(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        byte[] bytes = in.readAllBytes();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problem.malformedJson("Malformed JSON: the body is not valid UTF-8"));
        }
    }

    /** The body as one JSON value; a problem if it is empty, malformed or followed by more. */
    static JsonValue parseJson(String body) {
        String text = body == null ? "" : body;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark, which RFC 8259 lets parsers ignore
        }
        if (text.isBlank()) {
            throw new ProblemException(Problem.malformedJson("Malformed JSON: the request body is empty"));
        }
        // a parser rather than a JsonReader: the reader ignores what follows the first value
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonParsingException("Unexpected content after the JSON value", parser.getLocation());
            }
            return value;
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // besides syntax errors, the parser's own limits: nesting deeper than 1,000 levels (a
            // RuntimeException), a number of more than 1,100 digits (UnsupportedOperationException)
            throw new ProblemException(Problem.malformedJson("Malformed JSON: " + e.getMessage()));
        }
    }

    private static String optionalString(JsonObject object, String member) {
        JsonValue value = object.get(member);
        if (isAbsent(value)) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw invalid(member + " must be a string, not " + describe(value));
    }

    private static boolean isAbsent(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.invalidRequest(detail));
    }
}
