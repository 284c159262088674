package org.metlog.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Swaps {@link System#out} or {@link System#err} for an in-memory UTF-8 stream until closed, for tests that check
 * what the library prints (or that keep expected reports off the console). The one capture of the test suite. Not
 * for concurrent use by several tests at once (surefire runs test classes one by one); reading is thread-safe.
 */
public final class StdCapture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Something a test runs while standard error is captured. */
    @FunctionalInterface
    public interface Action {
        /**
         * Runs the action.
         *
         * @throws Exception whatever the action throws
         */
        void run() throws Exception;
    }

    /**
     * Runs {@code action} with standard error captured, keeping expected reports off the console.
     *
     * @return what the action printed on standard error
     * @throws Exception whatever the action throws (standard error is restored first)
     */
    public static String stderrOf(Action action) throws Exception {
        try (StdCapture err = stderr()) {
            action.run();
            return err.text();
        }
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

    /** @return the lines printed so far */
    public List<String> lines() {
        String text = text();
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** @return the lines that are JSON objects (messages), decoded */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> jsonLines() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("{")) {
                try {
                    out.add(JSON.readValue(line, Map.class));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
        }
        return out;
    }

    /** @return the diagnostic lines (prefixed "metlog: ") */
    public List<String> diagnostics() {
        return lines().stream().filter(l -> l.startsWith("metlog: ")).toList();
    }

    /** @return how many times {@code fragment} occurs in what was printed so far */
    public long count(String fragment) {
        String all = text();
        long n = 0;
        for (int at = all.indexOf(fragment); at >= 0; at = all.indexOf(fragment, at + 1)) {
            n++;
        }
        return n;
    }

    /** Flushes and restores the original stream. */
    @Override
    public void close() {
        if (stdout) {
            System.out.flush();
            System.setOut(original);
        } else {
            System.err.flush();
            System.setErr(original);
        }
    }
}
