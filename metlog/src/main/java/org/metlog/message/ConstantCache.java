package org.metlog.message;

import java.util.Arrays;
import org.metlog.internal.Timestamps;

/**
 * What one pooled encoder remembers between messages: the formatted timestamp of the current second, and
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
    private byte[] tail;

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
     */
    byte[] tail(String envVersion, long pid, String hostname) {
        if (tail == null || envVersion != this.envVersion || hostname != this.hostname || pid != this.pid) {
            JsonBytes out = new JsonBytes(128, false, false);
            out.startObject();
            out.name("");
            out.nullValue(); // a member before the tail, so that the tail is written with its leading comma
            int start = out.size();
            EnvelopeWriter.writeTail(out, envVersion, pid, hostname);
            this.tail = Arrays.copyOfRange(out.array(), start, out.size());
            this.envVersion = envVersion;
            this.pid = pid;
            this.hostname = hostname;
        }
        return tail;
    }
}
