package org.metlog.internal;

import org.metlog.Message;

/**
 * Reports send errors on stderr as the client does ({@code Error sending message (json): error}), but at most a
 * burst of lines per period, so that a broken sender called from a busy thread cannot flood stderr. Errors that
 * are not printed are summed and announced in one line when printing resumes (and by {@link #flushSuppressed()}).
 * The caller counts every error itself; this class only decides what is printed. Thread-safe.
 */
public final class ErrorReporter {
    private final int burst;
    private final long periodNanos;
    private long windowStart;
    private int printedInWindow;
    private long suppressed;
    private boolean started;

    /**
     * Creates a reporter.
     *
     * @param burst       how many lines may be printed per period, at least 1
     * @param periodNanos the period in nanoseconds
     */
    public ErrorReporter(int burst, long periodNanos) {
        if (burst < 1 || periodNanos < 1) {
            throw new IllegalArgumentException("burst and period must be positive");
        }
        this.burst = burst;
        this.periodNanos = periodNanos;
    }

    /**
     * Reports that sending {@code message} failed with {@code error}, unless the limit is reached.
     *
     * @param message the message
     * @param error   the error
     * @return true if a line was printed
     */
    public boolean report(Message message, Throwable error) {
        String backlog;
        synchronized (this) {
            long now = System.nanoTime();
            if (!started || now - windowStart >= periodNanos) {
                started = true;
                windowStart = now;
                printedInWindow = 0;
            }
            if (printedInWindow >= burst) {
                suppressed++;
                return false;
            }
            printedInWindow++;
            backlog = takeBacklog();
        }
        if (backlog != null) {
            Diagnostics.warn(backlog);
        }
        Diagnostics.line("Error sending message (" + describe(message) + "): " + error);
        return true;
    }

    /** Prints the number of errors not shown since the last printed line, if any. */
    public void flushSuppressed() {
        String backlog;
        synchronized (this) {
            backlog = takeBacklog();
        }
        if (backlog != null) {
            Diagnostics.warn(backlog);
        }
    }

    /** @return the number of errors not printed so far, since the last announcement */
    public synchronized long suppressed() {
        return suppressed;
    }

    private String takeBacklog() {
        if (suppressed == 0) {
            return null;
        }
        String line = suppressed + " more send error" + (suppressed == 1 ? " was" : "s were")
            + " not shown (counted as failed)";
        suppressed = 0;
        return line;
    }

    /**
     * Returns a message's JSON for an error line, never throwing.
     *
     * @param message the message
     * @return its JSON, or a short description if it cannot be serialized
     */
    public static String describe(Message message) {
        try {
            return message.toJson();
        } catch (RuntimeException e) {
            return "unserializable message of type " + message.type();
        }
    }
}
