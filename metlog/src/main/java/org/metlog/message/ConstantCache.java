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
    /** Where the six digits of the fraction of a second begin in a formatted timestamp. */
    private static final int FRACTION = 20;
    private final char[] timestamp = new char[Timestamps.LENGTH];
    /** The timestamp as a JSON string in bytes, quotes included, kept in step with {@link #timestamp}. */
    private final byte[] quoted = new byte[Timestamps.LENGTH + 2];
    private long timestampSecond = Long.MIN_VALUE;
    private String envVersion;
    private long pid;
    private String hostname;
    private byte[] tail;

    /**
     * {@return the formatted timestamp as a quoted JSON string in ASCII bytes}; within the same second as the last
     * one only the six digits of the fraction are redone
     */
    byte[] quotedTimestamp(long micros) {
        long second = Math.floorDiv(micros, 1_000_000L);
        if (second == timestampSecond) {
            int fraction = (int) (micros - second * 1_000_000L);
            for (int i = 1 + FRACTION + 5; i >= 1 + FRACTION; i--) {
                quoted[i] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
        } else {
            Timestamps.write(timestamp, micros);
            timestampSecond = second;
            quoted[0] = '"';
            for (int i = 0; i < Timestamps.LENGTH; i++) {
                quoted[i + 1] = (byte) timestamp[i];
            }
            quoted[Timestamps.LENGTH + 1] = '"';
        }
        return quoted;
    }

    /** {@return {@code timestamp} as a quoted JSON string in ASCII bytes} */
    static byte[] quote(String timestamp) {
        byte[] out = new byte[timestamp.length() + 2];
        out[0] = '"';
        for (int i = 0; i < timestamp.length(); i++) {
            out[i + 1] = (byte) timestamp.charAt(i);
        }
        out[out.length - 1] = '"';
        return out;
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
