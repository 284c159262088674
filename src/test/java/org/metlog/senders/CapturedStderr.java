package org.metlog.senders;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Replaces System.err while open and keeps what was written; for tests of diagnostics. */
final class CapturedStderr implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    CapturedStderr() {
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    long count(String fragment) {
        String all = text();
        long n = 0;
        for (int at = all.indexOf(fragment); at >= 0; at = all.indexOf(fragment, at + 1)) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
