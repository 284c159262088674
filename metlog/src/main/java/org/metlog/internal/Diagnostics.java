package org.metlog.internal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The library's own diagnostics, written to standard error with the fixed prefix {@value #PREFIX}. They never
 * go through metlog itself (that could loop) nor through a logging framework, and never throw.
 */
public final class Diagnostics {
    /** Prefix of every diagnostic line. */
    public static final String PREFIX = "metlog: ";
    /** Whether a thread is inside {@link #offer(Supplier)}: at most one is, whatever stderr does. */
    private static final AtomicBoolean OFFERING = new AtomicBoolean();

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

    /**
     * Prints a line unless another thread is printing one through this method at this moment, in which case it
     * returns at once without building the text: a stderr that blocks (a full pipe nobody reads) then holds one
     * thread, never a queue of them. For lines written on an application's thread.
     *
     * @param text builds the line, without a trailing newline; called only if the line is printed
     * @return true if the line was printed, false if another thread was printing
     */
    public static boolean offer(Supplier<String> text) {
        if (busy() || !OFFERING.compareAndSet(false, true)) {
            return false;
        }
        try {
            line(text.get());
            return true;
        } finally {
            OFFERING.set(false);
        }
    }

    /** {@return true while a thread is printing through {@link #offer(Supplier)}; one volatile read} */
    public static boolean busy() {
        return OFFERING.get();
    }
}
