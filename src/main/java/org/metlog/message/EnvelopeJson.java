package org.metlog.message;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.metlog.message.Message;
import org.metlog.internal.Utf16;

/**
 * Serializes message envelopes to JSON with Jackson's streaming generator.
 *
 * <p>The wire form writes the nine envelope keys in metlog-py's order, as UTF-8 (characters outside the BMP as
 * real four-byte sequences, lone surrogates replaced by U+FFFD so that the output is always valid). Each thread
 * keeps one generator writing into one growable buffer, so {@link #encode(Message)} allocates nothing once the
 * buffer has grown to the size of the largest message.
 */
public final class EnvelopeJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .build();

    private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

    // the envelope's keys, encoded once
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString LOGGER = new SerializedString("logger");
    private static final SerializedString SEVERITY = new SerializedString("severity");
    private static final SerializedString PAYLOAD = new SerializedString("payload");
    private static final SerializedString FIELDS = new SerializedString("fields");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString RATE = new SerializedString("rate");
    private static final SerializedString ENV_VERSION = new SerializedString("env_version");
    private static final SerializedString METLOG_PID = new SerializedString("metlog_pid");
    private static final SerializedString METLOG_HOSTNAME = new SerializedString("metlog_hostname");
    private static final SerializedString TYPE_COUNTER = new SerializedString(Message.TYPE_COUNTER);
    private static final SerializedString TYPE_TIMER = new SerializedString(Message.TYPE_TIMER);
    private static final SerializedString TYPE_OLDSTYLE = new SerializedString(Message.TYPE_OLDSTYLE);
    /** How Jackson writes the rate 1.0, the rate of almost every message, without formatting a double. */
    private static final String RATE_ONE = "1.0";

    private EnvelopeJson() {
    }

    /** @return the current time in microseconds since the epoch, at the clock's precision */
    public static long nowMicros() {
        return toMicros(Instant.now());
    }

    /**
     * Converts an instant to microseconds since the epoch, truncating finer digits.
     *
     * @param instant a time
     * @return microseconds since 1970-01-01T00:00:00Z
     */
    public static long toMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    /**
     * Serializes the envelope into this thread's reusable buffer.
     *
     * @param message the message
     * @return a view of the UTF-8 bytes (position 0, limit the length), valid until this thread encodes again;
     *     callers must not write into it. The same buffer object is returned again by this thread's next call,
     *     so that encoding allocates nothing
     */
    public static ByteBuffer encode(Message message) {
        Encoder encoder = ENCODERS.get();
        if (encoder.busy) {
            // re-entered (a field's toString() sent a message): never share a generator that is mid-object
            encoder = new Encoder();
        }
        encoder.busy = true;
        try {
            return encoder.encode(message);
        } catch (IOException | RuntimeException e) {
            if (encoder == ENCODERS.get()) {
                ENCODERS.remove(); // the generator may be half-way through an object: never reuse it
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        } finally {
            encoder.busy = false;
        }
    }

    /**
     * Serializes the envelope to a new byte array.
     *
     * @param message the message
     * @return its compact JSON as UTF-8
     */
    public static byte[] toBytes(Message message) {
        ByteBuffer view = encode(message);
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    /**
     * Serializes the envelope to compact JSON.
     *
     * @param message the message
     * @return one line of JSON
     */
    public static String toJson(Message message) {
        ByteBuffer view = encode(message);
        return new String(view.array(), view.arrayOffset() + view.position(), view.remaining(),
            java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Serializes the envelope as JSON indented by four spaces, like metlog-py's {@code json.dumps(indent=4)}.
     *
     * @param message the message
     * @return multi-line JSON without a trailing newline
     */
    public static String toPrettyJson(Message message) {
        StringWriter out = new StringWriter();
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.setPrettyPrinter(printer);
            write(gen, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the envelope as one JSON object.
     *
     * @param gen     a generator positioned where a value may start
     * @param message the message
     * @throws IOException if the generator's output fails
     */
    public static void write(JsonGenerator gen, Message message) throws IOException {
        write(gen, message, null);
    }

    private static void write(JsonGenerator gen, Message message, ConstantCache constants) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(TYPE);
        String type = message.type();
        SerializableString knownType = knownType(type);
        if (knownType != null) {
            gen.writeString(knownType);
        } else {
            writeText(gen, type);
        }
        gen.writeFieldName(TIMESTAMP);
        char[] ts = constants != null ? constants.timestamp(message.timestampMicros())
            : formatTimestamp(message.timestampMicros()).toCharArray();
        gen.writeString(ts, 0, TIMESTAMP_LENGTH);
        gen.writeFieldName(LOGGER);
        writeText(gen, message.logger());
        gen.writeFieldName(SEVERITY);
        gen.writeNumber(message.severity());
        gen.writeFieldName(PAYLOAD);
        writeText(gen, message.payload());
        gen.writeFieldName(FIELDS);
        gen.writeStartObject();
        Map<String, Object> fields = message.rawFields();
        if (!fields.isEmpty()) {
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                gen.writeFieldName(Utf16.sanitize(String.valueOf(field.getKey())));
                writeValue(gen, field.getValue(), 0);
            }
        }
        if (message.statName() != null) {
            gen.writeFieldName(NAME);
            writeText(gen, message.statName());
            gen.writeFieldName(RATE);
            double rate = message.statRate();
            if (rate == 1.0) {
                gen.writeNumber(RATE_ONE);
            } else {
                writeDouble(gen, rate);
            }
        }
        gen.writeEndObject();
        if (constants != null) {
            // the generator does not track raw output; nothing but the closing brace follows, which needs no comma
            gen.writeRaw(constants.tail(message.envVersion(), message.pid(), message.hostname()));
        } else {
            writeTail(gen, message.envVersion(), message.pid(), message.hostname());
        }
        gen.writeEndObject();
    }

    /** @return the pre-encoded form of a built-in message type (compared by identity: they are constants) */
    private static SerializableString knownType(String type) {
        if (type == Message.TYPE_COUNTER) {
            return TYPE_COUNTER;
        } else if (type == Message.TYPE_TIMER) {
            return TYPE_TIMER;
        } else if (type == Message.TYPE_OLDSTYLE) {
            return TYPE_OLDSTYLE;
        }
        return null;
    }

    private static void writeTail(JsonGenerator gen, String envVersion, long pid, String hostname)
        throws IOException {
        gen.writeFieldName(ENV_VERSION);
        writeText(gen, envVersion);
        gen.writeFieldName(METLOG_PID);
        gen.writeNumber(pid);
        gen.writeFieldName(METLOG_HOSTNAME);
        writeText(gen, hostname);
    }

    private static void writeText(JsonGenerator gen, String text) throws IOException {
        gen.writeString(Utf16.sanitize(text));
    }

    private static void writeValue(JsonGenerator gen, Object value, int depth) throws IOException {
        if (depth > 32) { // a self-referencing collection must not overflow the stack
            gen.writeString("<nested too deeply>");
        } else if (value == null) {
            gen.writeNull();
        } else if (value instanceof CharSequence s) {
            writeText(gen, s.toString());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
            || value instanceof Byte) {
            gen.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            writeDouble(gen, d);
        } else if (value instanceof Float f) {
            writeDouble(gen, f.doubleValue());
        } else if (value instanceof BigDecimal d) {
            gen.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            gen.writeNumber(i);
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                gen.writeFieldName(Utf16.sanitize(String.valueOf(e.getKey())));
                writeValue(gen, e.getValue(), depth + 1);
            }
            gen.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            gen.writeStartArray();
            for (Object item : items) {
                writeValue(gen, item, depth + 1);
            }
            gen.writeEndArray();
        } else if (value.getClass().isArray()) {
            gen.writeStartArray();
            int length = Array.getLength(value);
            for (int i = 0; i < length; i++) {
                writeValue(gen, Array.get(value, i), depth + 1);
            }
            gen.writeEndArray();
        } else {
            writeText(gen, String.valueOf(value));
        }
    }

    private static void writeDouble(JsonGenerator gen, double d) throws IOException {
        if (Double.isFinite(d)) {
            gen.writeNumber(d);
        } else {
            gen.writeString(Double.toString(d)); // JSON has no NaN or Infinity
        }
    }

    /** Length of an RFC 3339 timestamp with six fractional digits: {@code 2026-11-21T09:30:00.000000Z}. */
    public static final int TIMESTAMP_LENGTH = 27;

    /**
     * Formats microseconds since the epoch as RFC 3339 UTC with exactly six fractional digits and a {@code Z}.
     *
     * @param micros microseconds since the epoch
     * @return for example {@code 2026-11-21T09:30:00.000000Z}
     */
    public static String formatTimestamp(long micros) {
        char[] buf = new char[TIMESTAMP_LENGTH];
        writeTimestamp(buf, micros);
        return new String(buf);
    }

    /**
     * Writes {@link #formatTimestamp(long)} into {@code buf[0..27)} without allocating.
     *
     * @param buf    at least {@value #TIMESTAMP_LENGTH} characters
     * @param micros microseconds since the epoch
     */
    public static void writeTimestamp(char[] buf, long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil-from-days, Howard Hinnant's algorithm: proleptic Gregorian, valid for any long day count we meet
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        digits(buf, 0, (int) Math.floorMod(year, 10_000L), 4);
        buf[4] = '-';
        digits(buf, 5, month, 2);
        buf[7] = '-';
        digits(buf, 8, day, 2);
        buf[10] = 'T';
        digits(buf, 11, secondOfDay / 3600, 2);
        buf[13] = ':';
        digits(buf, 14, secondOfDay / 60 % 60, 2);
        buf[16] = ':';
        digits(buf, 17, secondOfDay % 60, 2);
        buf[19] = '.';
        digits(buf, 20, fraction, 6);
        buf[26] = 'Z';
    }

    private static void digits(char[] buf, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            buf[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * What one thread's encoder remembers between messages: the formatted timestamp of the current second, and
     * the encoded envelope tail {@code ,"env_version":..,"metlog_pid":..,"metlog_hostname":..} (the same values,
     * the strings by identity, arrive in every message of a client, so it is encoded once and reused until
     * different values arrive).
     */
    private static final class ConstantCache {
        private final char[] timestamp = new char[TIMESTAMP_LENGTH];
        private long timestampSecond = Long.MIN_VALUE;
        private String envVersion;
        private long pid;
        private String hostname;
        private SerializableString tail;

        /** @return the formatted timestamp; within the same second as the last one only the fraction is redone */
        char[] timestamp(long micros) {
            long second = Math.floorDiv(micros, 1_000_000L);
            if (second == timestampSecond) {
                digits(timestamp, 20, (int) (micros - second * 1_000_000L), 6);
            } else {
                writeTimestamp(timestamp, micros);
                timestampSecond = second;
            }
            return timestamp;
        }

        SerializableString tail(String envVersion, long pid, String hostname) throws IOException {
            if (tail == null || envVersion != this.envVersion || hostname != this.hostname || pid != this.pid) {
                StringWriter out = new StringWriter();
                try (JsonGenerator gen = FACTORY.createGenerator(out)) {
                    gen.writeStartObject();
                    writeTail(gen, envVersion, pid, hostname);
                    gen.writeEndObject();
                }
                String object = out.toString(); // {"env_version":...}
                this.tail = new SerializedString("," + object.substring(1, object.length() - 1));
                this.envVersion = envVersion;
                this.pid = pid;
                this.hostname = hostname;
            }
            return tail;
        }
    }

    /** One thread's generator and the buffer it writes into. */
    private static final class Encoder {
        private final GrowableSink sink = new GrowableSink();
        private final JsonGenerator gen;
        private final ConstantCache constants = new ConstantCache();
        boolean busy;

        Encoder() {
            try {
                gen = FACTORY.createGenerator(sink, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gen.setRootValueSeparator(null);
        }

        /** The view returned by {@link #encode}; re-made only when the sink's array grows. */
        private ByteBuffer view = ByteBuffer.wrap(sink.bytes);

        ByteBuffer encode(Message message) throws IOException {
            sink.reset();
            write(gen, message, constants);
            gen.flush();
            if (view.array() != sink.bytes) {
                view = ByteBuffer.wrap(sink.bytes);
            }
            view.clear().limit(sink.count);
            return view;
        }
    }

    /** A byte sink whose array is reused from one message to the next. */
    private static final class GrowableSink extends OutputStream {
        byte[] bytes = new byte[1024];
        int count;

        void reset() {
            count = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] src, int off, int len) {
            ensure(len);
            System.arraycopy(src, off, bytes, count, len);
            count += len;
        }

        private void ensure(int extra) {
            if (count + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + extra));
            }
        }
    }
}
