package org.metlog.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.metlog.internal.Utf16;

/**
 * A property test: for thousands of random messages (unicode of every plane, control characters, quotes, lone
 * surrogates, nested maps, lists and arrays, longs at their extremes, doubles of random bits, big numbers) the
 * library's own writer produces byte for byte what Jackson's generator writes for the same envelope, compact and
 * indented. Jackson is the reference only here; the reference uses nothing newer than Jackson 2.12, so the test
 * runs in the oldest-Jackson build too. Seeded, so a failure names a reproducible case.
 */
class EnvelopeEquivalenceTest {
    private static final int MESSAGES = 5_000;
    private static final JsonFactory JACKSON = new JsonFactory();

    @Test
    void compact_envelopes_are_what_jackson_writes_for_random_messages() throws IOException {
        Random random = new Random(20261202L);
        for (int i = 0; i < MESSAGES; i++) {
            Message message = randomMessage(random);
            String expected = jackson(message, false);
            byte[] actual;
            try (EncodedEnvelope encoded = message.encode()) {
                actual = new byte[encoded.length()];
                encoded.bytes().get(0, actual);
            }
            assertEquals(expected, new String(actual, StandardCharsets.UTF_8), "message " + i);
            assertEquals(expected, message.toJson(), "message " + i + " as text");
        }
    }

    @Test
    void strings_that_recur_by_identity_are_written_from_the_cache_exactly_as_jackson_writes_them()
        throws IOException {
        Random random = new Random(7L);
        String[] recurring = new String[40]; // more than the cache's slots, so slots are taken over and again
        for (int i = 0; i < recurring.length; i++) {
            recurring[i] = text(random);
        }
        for (int i = 0; i < MESSAGES; i++) {
            Message message = Message.builder(recurring[random.nextInt(recurring.length)])
                .logger(recurring[random.nextInt(recurring.length)])
                .payload(random.nextBoolean() ? recurring[random.nextInt(recurring.length)] : text(random))
                .stat(recurring[random.nextInt(recurring.length)], 1.0)
                .timestampMicros(1_764_633_600_000_000L + i).build();
            assertEquals(jackson(message, false), message.toJson(), "message " + i);
        }
    }

    @Test
    void indented_envelopes_are_what_jackson_writes_with_python_style_separators() throws IOException {
        Random random = new Random(42L);
        for (int i = 0; i < MESSAGES / 5; i++) {
            Message message = randomMessage(random);
            assertEquals(jackson(message, true), message.toPrettyJson(), "message " + i);
        }
    }

    @Test
    void the_bytes_are_valid_utf8_with_surrogate_pairs_as_four_byte_sequences() {
        Message message = Message.builder("t").payload("a\uD83D\uDE00b\uDC00").build();
        try (EncodedEnvelope encoded = message.encode()) {
            byte[] bytes = new byte[encoded.length()];
            encoded.bytes().get(0, bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertEquals(true, text.contains("\"payload\":\"a\uD83D\uDE00b\uFFFD\""), text);
        }
    }

    private static String jackson(Message message, boolean pretty) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = JACKSON.createGenerator(out)) {
            if (pretty) {
                gen.setPrettyPrinter(new PythonStyle());
            }
            writeValue(gen, message.toMap());
        }
        return out.toString();
    }

    /** The value rules of the envelope (see FieldWriter), through Jackson's generator. */
    private static void writeValue(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String s) {
            gen.writeString(Utf16.sanitize(s));
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
            || value instanceof Byte) {
            gen.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                gen.writeNumber(d);
            } else {
                gen.writeString(Double.toString(d));
            }
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof BigDecimal d) {
            gen.writeNumber(d);
        } else if (value instanceof BigInteger b) {
            gen.writeNumber(b);
        } else if (value instanceof Map<?, ?> map) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                gen.writeFieldName(Utf16.sanitize(String.valueOf(e.getKey())));
                writeValue(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            gen.writeStartArray();
            for (Object item : items) {
                writeValue(gen, item);
            }
            gen.writeEndArray();
        } else if (value.getClass().isArray()) {
            gen.writeStartArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                writeValue(gen, Array.get(value, i));
            }
            gen.writeEndArray();
        } else {
            gen.writeString(Utf16.sanitize(value.toString()));
        }
    }

    private static Message randomMessage(Random random) {
        Message.Builder b = Message.builder(random.nextInt(4) == 0 ? text(random) : "counter")
            .timestampMicros(Math.floorMod(random.nextLong(), 253_402_300_800_000_000L) - 62_135_596_800_000_000L)
            .logger(text(random))
            .severity(random.nextInt(8))
            .payload(text(random))
            .hostname(text(random))
            .pid(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(100_000));
        if (random.nextBoolean()) {
            b.fields(randomMap(random, 0));
        }
        if (random.nextBoolean()) {
            b.stat(text(random), random.nextBoolean() ? 1.0 : random.nextDouble());
        }
        return b.build();
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            map.put(text(random), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth < 4 ? 16 : 13);
        return switch (kind) {
            case 0 -> null;
            case 1, 2 -> text(random);
            case 3 -> random.nextLong();
            case 4 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}[random.nextInt(4)];
            case 5 -> Double.longBitsToDouble(random.nextLong());
            case 6 -> new double[] {0.0, -0.0, 1e-300, 1e300, 4.9e-324, 1.0, 0.1, Double.NaN,
                Double.POSITIVE_INFINITY}[random.nextInt(9)];
            case 7 -> random.nextFloat() * 1e6f;
            case 8 -> random.nextBoolean();
            case 9 -> new BigDecimal(new BigInteger(90, random), random.nextInt(40) - 20);
            case 10 -> new BigInteger(130, random).negate();
            case 11 -> random.nextInt();
            case 12 -> (short) random.nextInt();
            case 13 -> randomMap(random, depth);
            case 14 -> randomList(random, depth);
            default -> new Object[] {text(random), random.nextInt(), randomList(random, depth)};
        };
    }

    private static List<Object> randomList(Random random, int depth) {
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            list.add(randomValue(random, depth + 1));
        }
        return list;
    }

    /** Text mixing ASCII, escapes, controls, every UTF-8 length, surrogate pairs and lone surrogates. */
    private static String text(Random random) {
        int length = random.nextInt(24);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(10)) {
                case 0 -> out.append((char) random.nextInt(0x20));
                case 1 -> out.append("\"\\/\u007f".charAt(random.nextInt(4)));
                case 2 -> out.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> out.append((char) (0x800 + random.nextInt(0xD000)));
                case 4 -> out.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 5 -> out.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate, mostly
                case 6 -> out.append((char) (0xE000 + random.nextInt(0x2000)));
                default -> out.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return out.toString();
    }

    /**
     * Python's {@code json.dumps(indent=4)} layout with Jackson 2.12's API: four spaces, {@code ": "} after names,
     * empty containers as {@code {}} and {@code []} (Jackson's default writes {@code " : "} and {@code { }}).
     */
    private static final class PythonStyle extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        PythonStyle() {
            DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (entries == 0) {
                _nesting--;
                g.writeRaw('}');
            } else {
                super.writeEndObject(g, entries);
            }
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            if (values == 0) {
                _nesting--;
                g.writeRaw(']');
            } else {
                super.writeEndArray(g, values);
            }
        }
    }
}
