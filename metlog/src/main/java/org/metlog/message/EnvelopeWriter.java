package org.metlog.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.util.Map;
import org.metlog.internal.Timestamps;
import org.metlog.internal.Utf16;

/**
 * Writes one envelope through a Jackson generator: the nine keys in metlog-py's order, every string sanitized to
 * valid UTF-16 first. Reads the message through {@link Envelope}. Package-private so that no public signature
 * carries a Jackson type; {@link Message}'s encoding methods are the public face.
 */
final class EnvelopeWriter {
    /** The one factory every envelope generator comes from: surrogate pairs written as four-byte UTF-8. */
    static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .build();

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
    // the built-in types the client sends most, as literals: the same interned strings as Message.TYPE_COUNTER,
    // TYPE_TIMER and TYPE_OLDSTYLE, so that the encoder has no code that uses Message (which uses the encoder)
    private static final String COUNTER = "counter";
    private static final String TIMER = "timer";
    private static final String OLDSTYLE = "oldstyle";
    private static final SerializedString TYPE_COUNTER = new SerializedString(COUNTER);
    private static final SerializedString TYPE_TIMER = new SerializedString(TIMER);
    private static final SerializedString TYPE_OLDSTYLE = new SerializedString(OLDSTYLE);
    /** How Jackson writes the rate 1.0, the rate of almost every message, without formatting a double. */
    private static final String RATE_ONE = "1.0";

    private EnvelopeWriter() {
    }

    /**
     * Writes the envelope as one JSON object.
     *
     * @param gen       a generator positioned where a value may start
     * @param message   the message
     * @param timestamp the message's timestamp already formatted ({@link Timestamps#LENGTH} characters)
     * @param tail      the encoded {@code ,"env_version":..,"metlog_pid":..,"metlog_hostname":..} of this
     *                  message, or {@code null} to write those three keys through the generator
     * @param budget    what the fields may expand to; started here, read for {@link FieldBudget#cut()} after
     * @throws IOException if the generator's output fails
     */
    static void write(JsonGenerator gen, Envelope message, char[] timestamp, SerializableString tail,
                      FieldBudget budget) throws IOException {
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
        gen.writeString(timestamp, 0, Timestamps.LENGTH);
        gen.writeFieldName(LOGGER);
        writeText(gen, message.logger());
        gen.writeFieldName(SEVERITY);
        gen.writeNumber(message.severity());
        gen.writeFieldName(PAYLOAD);
        writeText(gen, message.payload());
        gen.writeFieldName(FIELDS);
        gen.writeStartObject();
        budget.start();
        Map<String, Object> fields = message.rawFields();
        if (!fields.isEmpty()) {
            FieldWriter.writeEntries(gen, fields, 0, budget);
        }
        if (message.statName() != null) {
            gen.writeFieldName(NAME);
            writeText(gen, message.statName());
            gen.writeFieldName(RATE);
            double rate = message.statRate();
            if (rate == 1.0) {
                gen.writeNumber(RATE_ONE);
            } else {
                FieldWriter.writeDouble(gen, rate);
            }
        }
        gen.writeEndObject();
        if (tail != null) {
            // the generator does not track raw output; nothing but the closing brace follows, which needs no comma
            gen.writeRaw(tail);
        } else {
            writeTail(gen, message.envVersion(), message.pid(), message.hostname());
        }
        gen.writeEndObject();
    }

    /** {@return the pre-encoded form of a built-in message type (compared by identity: they are constants)} */
    private static SerializableString knownType(String type) {
        if (type == COUNTER) {
            return TYPE_COUNTER;
        } else if (type == TIMER) {
            return TYPE_TIMER;
        } else if (type == OLDSTYLE) {
            return TYPE_OLDSTYLE;
        }
        return null;
    }

    /**
     * Writes the three keys after {@code fields}.
     *
     * @param gen        a generator inside the envelope object, after {@code fields}
     * @param envVersion the envelope version
     * @param pid        the sender's process id
     * @param hostname   the sender's host name
     * @throws IOException if the generator's output fails
     */
    static void writeTail(JsonGenerator gen, String envVersion, long pid, String hostname)
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
}
