package org.metlog.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.metlog.internal.Timestamps;

/**
 * The envelope's serialized forms, behind {@link Message#encode()}, {@link Message#encodeJson()},
 * {@link Message#toJson()}, {@link Message#toPrettyJson()} and {@link Message#toMap()}. Reads a message only
 * through {@link Envelope}, so it does not depend on {@code Message}. What the fields may expand to is bounded by a
 * {@link FieldBudget}.
 *
 * <p>The wire form writes the nine envelope keys in metlog-py's order, as UTF-8 (characters outside the BMP as
 * real four-byte sequences, lone surrogates replaced by U+FFFD so that the output is always valid), with the
 * library's own writer ({@link JsonBytes}): no dependency's version can change or break it. The compact form is
 * written into an encoder lent by a pool all threads share, so {@link #encode(Envelope, FieldTally)}
 * allocates nothing in steady state, on any thread. Every method is thread-safe and never blocks.
 */
final class EnvelopeJson {
    private EnvelopeJson() {
    }

    /**
     * Serializes the envelope into a pooled buffer.
     *
     * @param tally where a message whose fields were cut or described (see {@link FieldBudget}) is counted
     * @return the encoded envelope; the caller closes it, which gives the buffer back
     */
    static EncodedEnvelope encode(Envelope message, FieldTally tally) {
        EncodedEnvelope encoded = EncodedEnvelope.lend();
        try {
            encoded.encode(message);
        } catch (Throwable e) {
            encoded.close(); // the next encode resets the writer, so even a failure half-way leaves it reusable
            throw e;
        }
        if (encoded.budget.cut()) {
            tally.count(message); // only once encoded: a message that fails is counted as failed instead
        }
        return encoded;
    }

    /** {@return a new buffer holding a copy of the compact envelope, position 0, limit its length} */
    static ByteBuffer copy(Envelope message, FieldTally tally) {
        try (EncodedEnvelope encoded = encode(message, tally)) {
            ByteBuffer copy = ByteBuffer.allocate(encoded.length());
            copy.put(encoded.bytes()).flip();
            return copy;
        }
    }

    /** {@return the envelope as one line of compact JSON, the text of {@link #encode(Envelope, FieldTally)}} */
    static String toJson(Envelope message, FieldTally tally) {
        try (EncodedEnvelope encoded = encode(message, tally)) {
            return new String(encoded.out.array(), 0, encoded.length(), StandardCharsets.UTF_8);
        }
    }

    /** {@return the envelope indented by four spaces, like metlog-py's {@code json.dumps(indent=4)}, no final newline} */
    static String toPrettyJson(Envelope message, FieldTally tally) {
        JsonBytes out = new JsonBytes(1024, true);
        FieldBudget budget = new FieldBudget(out::size);
        EnvelopeWriter.write(out, message, Timestamps.format(message.timestampMicros()).toCharArray(), null, budget);
        if (budget.cut()) {
            tally.count(message);
        }
        return out.text();
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
