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
import java.util.LinkedHashMap;
import java.util.Map;
import org.metlog.internal.Timestamps;

/**
 * The envelope's serialized forms, behind {@link Message#encodeJson()}, {@link Message#toJson()},
 * {@link Message#toPrettyJson()} and {@link Message#toMap()}. Reads a message only through {@link Envelope}, so
 * it does not depend on {@code Message}. What the fields may expand to is bounded by a {@link FieldBudget}.
 *
 * <p>The wire form writes the nine envelope keys in metlog-py's order, as UTF-8 (characters outside the BMP as
 * real four-byte sequences, lone surrogates replaced by U+FFFD so that the output is always valid). Each thread
 * keeps one generator writing into one growable buffer, so {@link #encode(Envelope, FieldTally)} allocates nothing
 * once the buffer has grown to the size of the largest message. Every method is thread-safe and never blocks.
 */
final class EnvelopeJson {
    private static final ThreadLocal<ThreadEncoder> ENCODERS = ThreadLocal.withInitial(ThreadEncoder::new);

    private EnvelopeJson() {
    }

    /**
     * Serializes the envelope into this thread's reusable buffer.
     *
     * @param tally where a message whose fields were cut or described (see {@link FieldBudget}) is counted
     * @return a view of the UTF-8 bytes (position 0, limit the length), valid until this thread encodes again;
     *     the same buffer object is returned again by this thread's next call, so that encoding allocates nothing
     */
    static ByteBuffer encode(Envelope message, FieldTally tally) {
        ThreadEncoder encoder = ENCODERS.get();
        if (encoder.busy) {
            // re-entered (a field's toString() sent a message): never share a generator that is mid-object
            encoder = new ThreadEncoder();
        }
        encoder.busy = true;
        try {
            ByteBuffer out = encoder.encode(message);
            if (encoder.budget.cut()) {
                tally.count(message); // only once encoded: a message that fails is counted as failed instead
            }
            return out;
        } catch (IOException e) {
            discard(encoder);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            discard(encoder); // any failure, an Error too, leaves the next message on this thread unaffected
            throw e;
        } finally {
            encoder.busy = false;
        }
    }

    /** Drops this thread's encoder if it is {@code encoder}: its generator may be half-way through an object. */
    private static void discard(ThreadEncoder encoder) {
        if (encoder == ENCODERS.get()) {
            ENCODERS.remove();
        }
    }

    /** {@return the envelope as one line of compact JSON, the text of {@link #encode(Envelope, FieldTally)}} */
    static String toJson(Envelope message, FieldTally tally) {
        ByteBuffer view = encode(message, tally);
        return new String(view.array(), view.arrayOffset() + view.position(), view.remaining(),
            StandardCharsets.UTF_8);
    }

    /** {@return the envelope indented by four spaces, like metlog-py's {@code json.dumps(indent=4)}, no final newline} */
    static String toPrettyJson(Envelope message, FieldTally tally) {
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
            FieldBudget budget = new FieldBudget(() -> out.getBuffer().length() + gen.getOutputBuffered());
            EnvelopeWriter.write(gen, message, Timestamps.format(message.timestampMicros()).toCharArray(), null,
                budget);
            if (budget.cut()) {
                tally.count(message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@return a new mutable map of the nine envelope keys in wire order, the fields copied into a map of their own} */
    static Map<String, Object> toMap(Envelope message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", message.type());
        map.put("timestamp", Timestamps.format(message.timestampMicros()));
        map.put("logger", message.logger());
        map.put("severity", message.severity());
        map.put("payload", message.payload());
        map.put("fields", StatFields.materialise(new LinkedHashMap<>(message.rawFields()), message.statName(),
            message.statRate()));
        map.put("env_version", message.envVersion());
        map.put("metlog_pid", message.pid());
        map.put("metlog_hostname", message.hostname());
        return map;
    }
}
