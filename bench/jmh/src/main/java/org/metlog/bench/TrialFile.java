package org.metlog.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one line per trial to the file named by the environment variable {@value #VARIABLE} (JMH's forks
 * inherit the environment), so that figures JMH cannot report (a delivered fraction after {@code close()}, an
 * accounting check) survive the run in a file as well as in the log. Without the variable, nothing is written.
 */
final class TrialFile {
    /** The environment variable naming the file. */
    static final String VARIABLE = "METLOG_BENCH_TRIALS";

    private TrialFile() {
    }

    /** @param line one line, without its newline; appended, or printed to stderr if the file cannot be written */
    static void append(String line) {
        String file = System.getenv(VARIABLE);
        if (file == null || file.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("TrialFile: cannot append to " + file + ": " + e);
        }
    }
}
