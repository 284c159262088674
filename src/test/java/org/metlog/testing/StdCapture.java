package org.metlog.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Swaps {@link System#out} or {@link System#err} for an in-memory stream until closed, for tests that check what
 * the library prints. Not for concurrent use by several tests at once (surefire runs test classes one by one).
 */
public final class StdCapture implements AutoCloseable {
    private final boolean stdout;
    private final PrintStream original;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private StdCapture(boolean stdout) {
        this.stdout = stdout;
        this.original = stdout ? System.out : System.err;
        PrintStream replacement = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (stdout) {
            System.setOut(replacement);
        } else {
            System.setErr(replacement);
        }
    }

    /** @return a capture of standard output, active until closed */
    public static StdCapture stdout() {
        return new StdCapture(true);
    }

    /** @return a capture of standard error, active until closed */
    public static StdCapture stderr() {
        return new StdCapture(false);
    }

    /** @return everything printed so far, decoded as UTF-8 */
    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** @return the raw bytes printed so far */
    public byte[] bytes() {
        return bytes.toByteArray();
    }

    /** Restores the original stream. */
    @Override
    public void close() {
        if (stdout) {
            System.setOut(original);
        } else {
            System.setErr(original);
        }
    }
}
