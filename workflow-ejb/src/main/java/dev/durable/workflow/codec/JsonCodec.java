package dev.durable.workflow.codec;

import dev.durable.workflow.api.InvalidArgumentsException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * JSON (JSON-B) encoding of workflow and step arguments and results. The Java types come from the
 * method signatures, so a value written as JSON reads back as the type the code declares.
 * Thread-safe: one shared {@link Jsonb}.
 */
public final class JsonCodec {
    private static final Jsonb JSONB = JsonbBuilder.create();
    /** Looked up once: {@code Json.createReader} and friends search the service registry on every call. */
    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonCodec() {
    }

    /** The JSON text of a value. */
    public static String toJson(Object value) {
        return value == null ? "null" : JSONB.toJson(value);
    }

    /** Reads JSON text as the given type; {@code null} text or JSON null gives {@code null}. */
    public static Object fromJson(String json, Type type) {
        if (json == null || type == void.class || type == Void.class) {
            return null;
        }
        return JSONB.fromJson(json, type);
    }

    /** The JSON text of an array of values (a step's or workflow's arguments). */
    public static String toJsonArray(Object[] values) {
        StringBuilder out = new StringBuilder(32).append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(toJson(values[i]));
        }
        return out.append(']').toString();
    }

    /**
     * Encodes a workflow's arguments and checks that each reads back as its parameter's type, so bad
     * arguments are refused when the run is started, not when it executes.
     *
     * @throws InvalidArgumentsException naming the first argument that cannot be encoded or does not fit
     */
    public static String encodeArguments(List<?> args, Type[] types, String[] names) {
        int given = args == null ? 0 : args.size();
        if (given != types.length) {
            throw new InvalidArgumentsException("Expected " + types.length + " argument(s) "
                    + describe(types, names) + " but got " + given, -1);
        }
        StringBuilder out = new StringBuilder(64).append('[');
        for (int i = 0; i < given; i++) {
            Object arg = args.get(i);
            String json;
            try {
                json = toJson(arg);
            } catch (JsonbException | IllegalArgumentException e) {
                throw new InvalidArgumentsException("Argument " + i + " (" + names[i] + ") cannot be serialized as JSON: "
                        + rootMessage(e), i);
            }
            Object back;
            try {
                back = fromJson(json, types[i]);
            } catch (RuntimeException e) {
                throw new InvalidArgumentsException("Argument " + i + " (" + names[i] + ") is not a valid "
                        + typeName(types[i]) + ": " + abbreviate(json) + " (" + rootMessage(e) + ")", i);
            }
            if (back instanceof Number && !isDecimal(back) && !toJson(back).equals(json.trim())) {
                throw new InvalidArgumentsException("Argument " + i + " (" + names[i] + ") does not fit a "
                        + typeName(types[i]) + ": " + abbreviate(json), i);
            }
            if (back == null && types[i] instanceof Class<?> c && c.isPrimitive()) {
                throw new InvalidArgumentsException("Argument " + i + " (" + names[i] + ") must not be null: it is a "
                        + c.getName(), i);
            }
            if (i > 0) {
                out.append(',');
            }
            out.append(json);
        }
        return out.append(']').toString();
    }

    /** Reads a JSON array of arguments as the given parameter types. */
    public static Object[] decodeArguments(String json, Type[] types) {
        Object[] values = new Object[types.length];
        if (types.length == 0) {
            return values;
        }
        JsonArray array = parse(json).asJsonArray();
        for (int i = 0; i < types.length; i++) {
            values[i] = fromJson(array.get(i).toString(), types[i]);
        }
        return values;
    }

    /** Parses JSON text into a JSON-P value. */
    public static JsonValue parse(String json) {
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    /** The raw JSON text of one member of a JSON object, or {@code null} if it is absent. */
    public static String member(String objectJson, String name) {
        if (objectJson == null) {
            return null;
        }
        JsonObject object = parse(objectJson).asJsonObject();
        JsonValue value = object.get(name);
        return value == null ? null : value.toString();
    }

    /** A JSON string literal (RFC 8259: quote, backslash and control characters escaped), or {@code null}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Floating-point and big decimal values may be written differently and still be equal. */
    private static boolean isDecimal(Object n) {
        return n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal;
    }

    private static String describe(Type[] types, String[] names) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(typeName(types[i])).append(' ').append(names[i]);
        }
        return s.append(')').toString();
    }

    private static String typeName(Type t) {
        return t instanceof Class<?> c ? c.getSimpleName() : t.getTypeName();
    }

    private static String abbreviate(String json) {
        return json.length() <= 80 ? json : json.substring(0, 77) + "...";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
