package org.metlog.internal;

import java.io.PrintStream;
import java.nio.ByteBuffer;

/**
 * Writes message envelopes to standard error as one JSON line each: the ZeroMQ senders' fallback for messages
 * they could not put on the network (the handshake sender's while not connected, as metlog-py's; both senders'
 * after close), and the mirror of their {@code debug_stderr} option. The UDP senders never write here: what they cannot deliver goes to their error
 * handler only.
 *
 * <p>The bytes are the UTF-8 JSON exactly as it would go over the wire (compact JSON escapes every line break, so
 * it is one line), written raw so that the platform's console encoding cannot garble non-ASCII text. Each line is
 * written with a single call and flushed, so lines from concurrent threads never interleave. Never throws.
 */
public final class StderrJson {
    private StderrJson() {
    }

    /**
     * Writes {@code json} (from its position to its limit) and a newline to {@link System#err} as it is now, then
     * flushes. The buffer's position is not changed.
     *
     * @param json UTF-8 JSON without a trailing newline
     */
    public static void line(ByteBuffer json) {
        ByteBuffer view = json.duplicate();
        byte[] line = new byte[view.remaining() + 1];
        view.get(line, 0, line.length - 1);
        line[line.length - 1] = '\n';
        write(line);
    }

    /**
     * Writes {@code len} bytes of {@code json} from {@code off} and a newline to {@link System#err}, then flushes.
     *
     * @param json UTF-8 JSON without a trailing newline
     * @param off  where the JSON starts
     * @param len  its length in bytes
     */
    public static void line(byte[] json, int off, int len) {
        byte[] line = new byte[len + 1];
        System.arraycopy(json, off, line, 0, len);
        line[len] = '\n';
        write(line);
    }

    private static void write(byte[] line) {
        try {
            PrintStream err = System.err;
            err.write(line, 0, line.length);
            err.flush();
        } catch (RuntimeException e) {
            // stderr itself is broken: there is nowhere left to report to
        }
    }
}
