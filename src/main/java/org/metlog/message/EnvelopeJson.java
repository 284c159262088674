package org.metlog.message;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Serializes message envelopes to JSON with Jackson's streaming generator.
 *
 * <p>The wire form writes the nine envelope keys in metlog-py's order, as UTF-8 (characters outside the BMP as
 * real four-byte sequences, lone surrogates replaced by U+FFFD so that the output is always valid). Each thread
 * keeps one generator writing into one growable buffer, so {@link #encode(Message)} allocates nothing once the
 * buffer has grown to the size of the largest message. Every method is thread-safe and never blocks.
 */
public final class EnvelopeJson {
    /** Length of an RFC 3339 timestamp with six fractional digits: {@code 2026-11-21T09:30:00.000000Z}. */
    public static final int TIMESTAMP_LENGTH = Timestamps.LENGTH;

    private static final ThreadLocal<ThreadEncoder> ENCODERS = ThreadLocal.withInitial(ThreadEncoder::new);

    private EnvelopeJson() {
    }

    /** @return the current time in microseconds since the epoch, at the clock's precision */
    public static long nowMicros() {
        return Timestamps.nowMicros();
    }

    /**
     * Converts an instant to microseconds since the epoch, truncating finer digits.
     *
     * @param instant a time
     * @return microseconds since 1970-01-01T00:00:00Z
     */
    public static long toMicros(Instant instant) {
        return Timestamps.toMicros(instant);
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
        ThreadEncoder encoder = ENCODERS.get();
        if (encoder.busy) {
            // re-entered (a field's toString() sent a message): never share a generator that is mid-object
            encoder = new ThreadEncoder();
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
            StandardCharsets.UTF_8);
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
        try (JsonGenerator gen = EnvelopeWriter.FACTORY.createGenerator(out)) {
            gen.setPrettyPrinter(printer);
            EnvelopeWriter.write(gen, message, Timestamps.format(message.timestampMicros()).toCharArray(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Formats microseconds since the epoch as RFC 3339 UTC with exactly six fractional digits and a {@code Z}.
     *
     * @param micros microseconds since the epoch
     * @return for example {@code 2026-11-21T09:30:00.000000Z}
     */
    public static String formatTimestamp(long micros) {
        return Timestamps.format(micros);
    }

    /**
     * Writes {@link #formatTimestamp(long)} into {@code buf[0..27)} without allocating.
     *
     * @param buf    at least {@value #TIMESTAMP_LENGTH} characters
     * @param micros microseconds since the epoch
     */
    public static void writeTimestamp(char[] buf, long micros) {
        Timestamps.write(buf, micros);
    }
}
