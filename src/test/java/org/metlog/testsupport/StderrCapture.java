package org.metlog.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replaces {@link System#err} with an in-memory UTF-8 stream until closed. */
public final class StderrCapture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private StderrCapture() {
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /** @return a capture that is active until {@link #close()} */
    public static StderrCapture start() {
        return new StderrCapture();
    }

    /** @return everything written so far, decoded as UTF-8 */
    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** @return the lines written so far */
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

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
