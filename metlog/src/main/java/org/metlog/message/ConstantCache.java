package org.metlog.message;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import org.metlog.internal.Timestamps;

/**
 * What one thread's encoder remembers between messages: the formatted timestamp of the current second, and
 * the encoded envelope tail {@code ,"env_version":..,"metlog_pid":..,"metlog_hostname":..} (the same values,
 * the strings by identity, arrive in every message of a client, so it is encoded once and reused until
 * different values arrive).
 */
final class ConstantCache {
    private final char[] timestamp = new char[Timestamps.LENGTH];
    private long timestampSecond = Long.MIN_VALUE;
    private String envVersion;
    private long pid;
    private String hostname;
    private SerializableString tail;

    /** {@return the formatted timestamp; within the same second as the last one only the fraction is redone} */
    char[] timestamp(long micros) {
        long second = Math.floorDiv(micros, 1_000_000L);
        if (second == timestampSecond) {
            Timestamps.digits(timestamp, 20, (int) (micros - second * 1_000_000L), 6);
        } else {
            Timestamps.write(timestamp, micros);
            timestampSecond = second;
        }
        return timestamp;
    }

    /**
     * @return the encoded {@code ,"env_version":..,"metlog_pid":..,"metlog_hostname":..}; re-encoded only when a
     *     value differs from the last call's (the strings compared by identity)
     * @throws IOException if Jackson fails to write into memory
     */
    SerializableString tail(String envVersion, long pid, String hostname) throws IOException {
        if (tail == null || envVersion != this.envVersion || hostname != this.hostname || pid != this.pid) {
            StringWriter out = new StringWriter();
            try (JsonGenerator gen = EnvelopeWriter.FACTORY.createGenerator(out)) {
                gen.writeStartObject();
                EnvelopeWriter.writeTail(gen, envVersion, pid, hostname);
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
