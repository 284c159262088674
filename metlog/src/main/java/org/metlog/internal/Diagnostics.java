package org.metlog.internal;

import java.io.PrintStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Lines offered while another thread was printing, which that thread prints after its own. */
    private static final Queue<Supplier<String>> PARKED = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger PARKED_COUNT = new AtomicInteger();
    /** At most this many lines wait for a printer that may be blocked; beyond them an offer is refused. */
    private static final int MAX_PARKED = 16;

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
     * Prints a line, or, if another thread is printing one through this method at this moment, leaves it for that
     * thread to print after its own and returns at once: a stderr that blocks (a full pipe nobody reads) then holds
     * one thread, never a queue of them, and no line is lost. When {@value #MAX_PARKED} lines wait already, the
     * offer is refused. For lines written on an application's thread.
     *
     * @param text builds the line, without a trailing newline; called (perhaps on another thread) only if printed
     * @return true if the line was printed or will be, false if it was refused
     */
    public static boolean offer(Supplier<String> text) {
        if (!OFFERING.compareAndSet(false, true)) {
            return park(text);
        }
        try {
            line(text.get());
            drainParked();
        } finally {
            OFFERING.set(false);
        }
        // a line parked after the drain but before the release above has no printer yet: become it
        while (!PARKED.isEmpty() && OFFERING.compareAndSet(false, true)) {
            try {
                drainParked();
            } finally {
                OFFERING.set(false);
            }
        }
        return true;
    }

    /** Leaves a line for the printing thread, unless {@value #MAX_PARKED} are waiting already. */
    private static boolean park(Supplier<String> text) {
        if (PARKED_COUNT.incrementAndGet() > MAX_PARKED) {
            PARKED_COUNT.decrementAndGet();
            return false;
        }
        PARKED.add(text);
        if (OFFERING.compareAndSet(false, true)) { // the printer finished meanwhile: print it here
            try {
                drainParked();
            } finally {
                OFFERING.set(false);
            }
        }
        return true;
    }

    private static void drainParked() {
        for (Supplier<String> parked = PARKED.poll(); parked != null; parked = PARKED.poll()) {
            PARKED_COUNT.decrementAndGet();
            line(parked.get());
        }
    }

    /** {@return true while a thread is printing through {@link #offer(Supplier)}; one volatile read} */
    public static boolean busy() {
        return OFFERING.get();
    }
}
