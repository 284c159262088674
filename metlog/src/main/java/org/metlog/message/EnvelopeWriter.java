package org.metlog.message;

import java.util.Map;

/**
 * Writes one envelope through {@link JsonBytes}: the nine keys in metlog-py's order (the writer itself replaces a
 * lone surrogate by U+FFFD, so the envelope's strings need no sanitizing pass of their own). Reads the message
 * through {@link Envelope}. Stateless.
 */
final class EnvelopeWriter {
    // the envelope's keys, encoded once
    private static final byte[] TYPE = JsonBytes.encodedName("type");
    private static final byte[] TIMESTAMP = JsonBytes.encodedName("timestamp");
    private static final byte[] LOGGER = JsonBytes.encodedName("logger");
    private static final byte[] SEVERITY = JsonBytes.encodedName("severity");
    private static final byte[] PAYLOAD = JsonBytes.encodedName("payload");
    private static final byte[] FIELDS = JsonBytes.encodedName("fields");
    private static final byte[] NAME = JsonBytes.encodedName("name");
    private static final byte[] RATE = JsonBytes.encodedName("rate");
    private static final byte[] ENV_VERSION = JsonBytes.encodedName("env_version");
    private static final byte[] METLOG_PID = JsonBytes.encodedName("metlog_pid");
    private static final byte[] METLOG_HOSTNAME = JsonBytes.encodedName("metlog_hostname");
    /** How the rate 1.0, the rate of almost every message, is written, without formatting a double. */
    private static final String RATE_ONE = "1.0";

    private EnvelopeWriter() {
    }

    /**
     * Writes the envelope as one JSON object.
     *
     * @param out       the writer, positioned where a value may start
     * @param message   the message
     * @param timestamp the message's timestamp already formatted and quoted, in ASCII bytes
     * @param tail      the encoded {@code ,"env_version":..,"metlog_pid":..,"metlog_hostname":..} of this
     *                  message, or {@code null} to write those three keys one by one
     * @param budget    what the fields may expand to; started here, read for {@link FieldBudget#cut()} after
     */
    static void write(JsonBytes out, Envelope message, byte[] timestamp, byte[] tail, FieldBudget budget) {
        out.startObject();
        out.name(TYPE);
        out.stableString(message.type());
        out.name(TIMESTAMP);
        out.rawValue(timestamp);
        out.name(LOGGER);
        out.stableString(message.logger());
        out.name(SEVERITY);
        out.number(message.severity());
        out.name(PAYLOAD);
        out.stableString(message.payload());
        out.name(FIELDS);
        out.startObject();
        budget.start();
        Map<String, Object> fields = message.rawFields();
        if (!fields.isEmpty()) {
            FieldWriter.writeEntries(out, fields, 0, budget);
        }
        if (message.statName() != null) {
            out.name(NAME);
            out.stableString(message.statName());
            out.name(RATE);
            double rate = message.statRate();
            if (rate == 1.0) {
                out.numberText(RATE_ONE);
            } else {
                FieldWriter.writeDouble(out, rate);
            }
        }
        out.endObject();
        if (tail != null) {
            out.raw(tail); // the members after "fields", whose comma the tail starts with
        } else {
            writeTail(out, message.envVersion(), message.pid(), message.hostname());
        }
        out.endObject();
    }

    /** Writes the three keys after {@code fields}, into an object that has members already. */
    static void writeTail(JsonBytes out, String envVersion, long pid, String hostname) {
        out.name(ENV_VERSION);
        out.string(envVersion);
        out.name(METLOG_PID);
        out.number(pid);
        out.name(METLOG_HOSTNAME);
        out.string(hostname);
    }
}
