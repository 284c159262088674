package org.metlog.senders;

import java.io.IOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Packs logd's messages with msgpack. This is the only class that refers to msgpack-core, and
 * {@link LogdSender} loads it only after checking that msgpack-core is on the class path, so the rest of the
 * library works without that optional dependency. Its methods take and return JDK types only.
 *
 * <p>Thread-safe: each thread packs into its own reused buffer.
 */
final class LogdPacker {
    static final int LOG = 1;
    static final int COUNTER = 2;
    static final int TIMER = 3;
    static final int GAUGE = 4;
    static final int DELETE_LOG = 1000;

    private final ThreadLocal<MessageBufferPacker> packers = ThreadLocal.withInitial(MessagePack::newDefaultBufferPacker);

    /** Packs a log message: {@code {id: 1, path, level, msg, name, time, pid[, tb]}}. */
    byte[] log(String path, String level, String msg, String name, double time, long pid, String tb)
        throws IOException {
        MessageBufferPacker p = packer();
        p.packMapHeader(tb == null ? 7 : 8);
        p.packString("id").packInt(LOG);
        p.packString("path").packString(path);
        p.packString("level").packString(level);
        p.packString("msg").packString(msg);
        p.packString("name").packString(name);
        p.packString("time").packDouble(time);
        p.packString("pid").packLong(pid);
        if (tb != null) {
            p.packString("tb").packString(tb);
        }
        return p.toByteArray();
    }

    /**
     * Packs a statistic: {@code {id, key, value[, sampleRate]}}.
     *
     * @param value      a plain decimal (see {@link StatFields#isDecimal(String)})
     * @param asDouble   true to always pack the value as a double; false to pack whole numbers as integers
     * @param sampleRate the rate, packed only when {@link StatFields#sampled(double)}
     */
    byte[] stat(int id, String key, String value, boolean asDouble, double sampleRate) throws IOException {
        boolean withRate = StatFields.sampled(sampleRate);
        MessageBufferPacker p = packer();
        p.packMapHeader(withRate ? 4 : 3);
        p.packString("id").packInt(id);
        p.packString("key").packString(key);
        p.packString("value");
        Long whole = asDouble ? null : wholeNumber(value);
        if (whole != null) {
            p.packLong(whole);
        } else {
            p.packDouble(Double.parseDouble(value));
        }
        if (withRate) {
            p.packString("sampleRate").packDouble(sampleRate);
        }
        return p.toByteArray();
    }

    /** Packs a request to delete a log: {@code {id: 1000, path}}. */
    byte[] deleteLog(String path) throws IOException {
        MessageBufferPacker p = packer();
        p.packMapHeader(2);
        p.packString("id").packInt(DELETE_LOG);
        p.packString("path").packString(path);
        return p.toByteArray();
    }

    private MessageBufferPacker packer() {
        MessageBufferPacker p = packers.get();
        p.clear();
        return p;
    }

    private static Long wholeNumber(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return null;
            }
        }
        try {
            return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
            return null; // too large for a long: a double still carries it
        }
    }
}
