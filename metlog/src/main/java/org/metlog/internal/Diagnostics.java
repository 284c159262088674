package org.metlog.internal;

import java.io.PrintStream;

/**
 * The library's own diagnostics, written to standard error with the fixed prefix {@value #PREFIX}. They never
 * go through metlog itself (that could loop) nor through a logging framework, and never throw.
 */
public final class Diagnostics {
    /** Prefix of every diagnostic line. */
    public static final String PREFIX = "metlog: ";

    private Diagnostics() {
    }

    /**
     * Prints one diagnostic line, prefixed with {@value #PREFIX}.
     *
     * @param message the text
     */
    public static void warn(String message) {
        line(PREFIX + message);
    }

    /**
     * Prints one diagnostic line with the error's description.
     *
     * @param message the text
     * @param error   the error, described by its class and message
     */
    public static void warn(String message, Throwable error) {
        line(PREFIX + message + ": " + error);
    }

    /**
     * Prints a line exactly as given and flushes, so that it is not lost if the process dies next.
     *
     * @param text the line, without a trailing newline
     */
    public static void line(String text) {
        try {
            PrintStream err = System.err;
            err.println(text);
            err.flush();
        } catch (RuntimeException e) {
            // stderr itself is broken: there is nowhere left to report to
        }
    }
}
