package org.metlog.senders;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The pause of one UDP destination after a send to it failed, so that a refusing destination (an ICMP
 * port-unreachable on the connected channel, no route) costs its callers no system call and no new exception per
 * message: for {@value #PAUSE_MILLIS} ms after a failure, messages for the destination are counted as failed
 * without being tried, and reported with the failure that paused them (one exception object, reused). The first
 * send after the pause is tried again; one that goes through reopens the gate.
 *
 * <p>Healthy sends pay one volatile read. Thread-safe and lock-free; when the pause ends, every thread sending at
 * that moment may try (each failure starts a new pause).
 */
final class SendGate {
    /** How long after a failed send no datagram is tried to that destination, in milliseconds. */
    static final long PAUSE_MILLIS = 1_000;
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS);

    private final LongSupplier nanoClock;
    /** The failure that paused sends; null while they are tried. Written after {@link #retryAt}. */
    private volatile Throwable failure;
    private volatile long retryAt;

    /** @param nanoClock the monotonic clock the pause is timed with ({@link System#nanoTime()} outside tests) */
    SendGate(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** {@return the failure to count a message as without trying it, or null if the send is to be tried} */
    Throwable paused() {
        Throwable f = failure;
        if (f == null || nanoClock.getAsLong() - retryAt >= 0) {
            return null;
        }
        return f;
    }

    /** Pauses sends for {@value #PAUSE_MILLIS} ms from now, to be reported with {@code cause}. */
    void failed(Throwable cause) {
        retryAt = nanoClock.getAsLong() + PAUSE_NANOS;
        failure = cause;
    }

    /** Reopens the gate after a send went through (or the destination changed). */
    void open() {
        if (failure != null) {
            failure = null;
        }
    }
}
