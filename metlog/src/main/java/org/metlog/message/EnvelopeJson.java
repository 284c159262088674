package org.metlog.message;

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
 * written into an encoder lent by a pool all threads share, so {@link #encode(Envelope)} allocates nothing in
 * steady state, on any thread. Every method is thread-safe and never blocks.
 */
final class EnvelopeJson {
    private EnvelopeJson() {
    }

    /**
     * Serializes the envelope into {@code own} if it is free, else into a pooled buffer; the caller counts it if
     * {@link EncodedEnvelope#cut()}.
     *
     * @param own the encoder the message carries ({@link EncodedEnvelope#owned()}), or null
     * @return the encoded envelope; the caller closes it, which gives the buffer back
     */
    static EncodedEnvelope encode(Envelope message, EncodedEnvelope own) {
        EncodedEnvelope encoded = own != null && own.claim() ? own : EncodedEnvelope.lend();
        try {
            encoded.encode(message);
        } catch (Throwable e) {
            encoded.close(); // the next encode resets the writer, so even a failure half-way leaves it reusable
            throw e;
        }
        return encoded;
    }

    /**
     * {@return the envelope indented by four spaces, like metlog-py's {@code json.dumps(indent=4)}, no final newline}
     *
     * @param onCut run once if a field was cut or described (see {@link FieldBudget})
     */
    static String toPrettyJson(Envelope message, Runnable onCut) {
        JsonBytes out = new JsonBytes(1024, true, false);
        FieldBudget budget = new FieldBudget(out::size);
        EnvelopeWriter.write(out, message, ConstantCache.quote(Timestamps.format(message.timestampMicros())), null, budget);
        if (budget.cut()) {
            onCut.run();
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
