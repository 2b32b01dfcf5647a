package dev.durable.workflow.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.InvalidArgumentsException;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.engine.WorkflowDefinition;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoding and decoding of workflow arguments against the workflow method's signature. */
class JsonCodecTest {

    public record Money(String currency, long cents) {
    }

    public record Order(String id, List<Money> lines, Color color) {
    }

    public enum Color { RED, GREEN }

    /** Has a getter that throws, so JSON-B cannot serialize it. */
    public static class ExplodingBean {
        public String getSecret() {
            throw new UnsupportedOperationException("secret is sealed");
        }
    }

    @Workflow
    public static class Rich {
        public void run(Order order, Color color, List<Money> items, Map<String, Integer> counts, Instant at,
                        Duration timeout, LocalDate day, String text) {
        }
    }

    @Workflow
    public static class Simple {
        public void run(int count, String label) {
        }
    }

    @Workflow
    public static class Anything {
        public void run(Object payload) {
        }
    }

    @Workflow
    public static class Streams {
        public void run(InputStream source) {
        }
    }

    @Workflow
    public static class NoParams {
        public void run() {
        }
    }

    private static final WorkflowDefinition RICH = WorkflowDefinition.of(Rich.class);
    private static final WorkflowDefinition SIMPLE = WorkflowDefinition.of(Simple.class);

    private static String encode(WorkflowDefinition d, Object... args) {
        return JsonCodec.encodeArguments(Arrays.asList(args), d.parameterTypes(), d.parameterNames());
    }

    private static InvalidArgumentsException refused(WorkflowDefinition d, Object... args) {
        return assertThrows(InvalidArgumentsException.class, () -> encode(d, args));
    }

    private static Object[] roundTrip(WorkflowDefinition d, Object... args) {
        return JsonCodec.decodeArguments(encode(d, args), d.parameterTypes());
    }

    private static Object[] richArgs(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("apples", 3);
        counts.put("pears", 0);
        return new Object[] {
            new Order("o-1", List.of(new Money("EUR", 1250), new Money("USD", 99)), Color.GREEN),
            Color.RED,
            List.of(new Money("CHF", 1)),
            counts,
            Instant.parse("2024-02-29T23:59:59.123456789Z"),
            Duration.ofHours(25).plusMillis(1),
            LocalDate.of(2024, 2, 29),
            text};
    }

    @Test
    void recordsEnumsCollectionsAndTimeTypesRoundTrip() {
        Object[] args = richArgs("plain");

        assertArrayEquals(args, roundTrip(RICH, args));
    }

    @Test
    void stringWithNulAndNonBmpCharactersRoundTrips() {
        String text = "a\u0000b \uD83D\uDE00 \uD834\uDD1E \u00e9\u4e2d";
        Object[] args = richArgs(text);

        Object[] back = roundTrip(RICH, args);

        assertEquals(text, back[7]);
    }

    @Test
    void encodedArgumentsAreValidJsonWithNulEscaped() {
        String json = encode(RICH, richArgs("a\u0000b"));

        assertFalse(json.contains("\u0000"), json);
        assertTrue(json.contains("a\\u0000b"), json);
        assertEquals(8, JsonCodec.parse(json).asJsonArray().size());
    }

    @Test
    void encodingIsAJsonArrayOfEachArgument() {
        assertEquals("[3,\"x\"]", encode(SIMPLE, 3, "x"));
    }

    @Test
    void nullIsAcceptedForObjectParameters() {
        Object[] args = new Object[8];

        String json = encode(RICH, args);

        assertEquals("[null,null,null,null,null,null,null,null]", json);
        assertArrayEquals(args, JsonCodec.decodeArguments(json, RICH.parameterTypes()));
    }

    @Test
    void decodeReadsBackWhatEncodeWrote() {
        Object[] back = roundTrip(SIMPLE, 42, "label");

        assertArrayEquals(new Object[] {42, "label"}, back);
    }

    @Test
    void noParametersEncodeAsEmptyArray() {
        WorkflowDefinition d = WorkflowDefinition.of(NoParams.class);

        assertEquals("[]", JsonCodec.encodeArguments(List.of(), d.parameterTypes(), d.parameterNames()));
        assertEquals("[]", JsonCodec.encodeArguments(null, d.parameterTypes(), d.parameterNames()));
        assertEquals(0, JsonCodec.decodeArguments("[]", d.parameterTypes()).length);
    }

    @Test
    void wrongArgumentCountIsRefusedAsAWhole() {
        InvalidArgumentsException e = refused(SIMPLE, 1);

        assertEquals(-1, e.argumentIndex());
        assertEquals("Expected 2 argument(s) (int count, String label) but got 1", e.getMessage());
    }

    @Test
    void missingArgumentListCountsAsNoArguments() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> JsonCodec.encodeArguments(null, SIMPLE.parameterTypes(), SIMPLE.parameterNames()));

        assertEquals(-1, e.argumentIndex());
        assertTrue(e.getMessage().endsWith("but got 0"), e.getMessage());
    }

    @Test
    void stringForAnIntParameterIsRefusedNamingTheParameter() {
        InvalidArgumentsException e = refused(SIMPLE, "abc", "x");

        assertEquals(0, e.argumentIndex());
        assertTrue(e.getMessage().startsWith("Argument 0 (count) is not a valid int: \"abc\""), e.getMessage());
    }

    @Test
    void nullForAPrimitiveParameterIsRefused() {
        InvalidArgumentsException e = refused(SIMPLE, null, "x");

        assertEquals(0, e.argumentIndex());
        assertEquals("Argument 0 (count) must not be null: it is a int", e.getMessage());
    }

    @Test
    void badSecondArgumentIsReportedAtIndexOne() {
        InvalidArgumentsException e = refused(RICH, "o-1", null, null, null, null, null, null, null);

        assertEquals(0, e.argumentIndex());
        e = refused(RICH, null, "PURPLE", null, null, null, null, null, null);
        assertEquals(1, e.argumentIndex());
        assertTrue(e.getMessage().startsWith("Argument 1 (color) is not a valid Color"), e.getMessage());
    }

    @Test
    void objectWhoseGetterThrowsIsRefusedNamingIt() {
        InvalidArgumentsException e = refused(WorkflowDefinition.of(Anything.class), new ExplodingBean());

        assertEquals(0, e.argumentIndex());
        assertTrue(e.getMessage().startsWith("Argument 0 (payload) cannot be serialized as JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("secret is sealed"), e.getMessage());
    }

    @Test
    void threadIsRefusedNamingIt() {
        InvalidArgumentsException e = refused(WorkflowDefinition.of(Anything.class), new Thread());

        assertEquals(0, e.argumentIndex());
        assertTrue(e.getMessage().startsWith("Argument 0 (payload) cannot be serialized as JSON"), e.getMessage());
    }

    @Test
    void inputStreamIsRefusedForAnInputStreamParameter() {
        InvalidArgumentsException e = refused(WorkflowDefinition.of(Streams.class),
                new ByteArrayInputStream(new byte[] {1, 2}));

        assertEquals(0, e.argumentIndex());
        assertTrue(e.getMessage().startsWith("Argument 0 (source) is not a valid InputStream"), e.getMessage());
    }

    @Test
    void nonFiniteDoubleIsRefused() {
        InvalidArgumentsException e = refused(WorkflowDefinition.of(Anything.class), Double.NaN);

        assertEquals(0, e.argumentIndex());
    }

    @Test
    void jsonNullAndNullTextReadAsNull() {
        assertNull(JsonCodec.fromJson(null, String.class));
        assertNull(JsonCodec.fromJson("null", String.class));
        assertNull(JsonCodec.fromJson("1", void.class));
        assertEquals("null", JsonCodec.toJson(null));
    }

    @Test
    void toJsonArrayWritesEachValue() {
        assertEquals("[1,\"a\",null,\"RED\"]", JsonCodec.toJsonArray(new Object[] {1, "a", null, Color.RED}));
        assertEquals("[]", JsonCodec.toJsonArray(new Object[0]));
    }

    @Test
    void quoteEscapesForJson() {
        assertEquals("\"a\\\"b\\\\c\\u0000\"", JsonCodec.quote("a\"b\\c\u0000"));
        assertEquals("null", JsonCodec.quote(null));
        assertEquals("\"tab\\tnl\\ncr\\r\\u001f\"", JsonCodec.quote("tab\tnl\ncr\r\u001f"));
    }

    @Test
    void quotedStringsReadBackAsThemselves() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x250; c++) {
            every.append(c);
        }
        every.append("\u2028\u2029 \uD83D\uDE00 日本");
        String s = every.toString();
        assertEquals(s, ((jakarta.json.JsonString) JsonCodec.parse(JsonCodec.quote(s))).getString());
        assertEquals(s, JsonCodec.fromJson(JsonCodec.quote(s), String.class));
    }

    @Test
    void memberReturnsTheRawJsonOfOneMember() {
        assertEquals("{\"cents\":5,\"currency\":\"EUR\"}",
                JsonCodec.member("{\"money\":{\"cents\":5,\"currency\":\"EUR\"},\"n\":1}", "money"));
        assertEquals("1", JsonCodec.member("{\"n\":1}", "n"));
        assertNull(JsonCodec.member("{\"n\":1}", "absent"));
        assertNull(JsonCodec.member(null, "n"));
    }
}
