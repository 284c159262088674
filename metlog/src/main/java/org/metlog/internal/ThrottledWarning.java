package org.metlog.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A diagnostic that is printed (through {@link Diagnostics}) at most once per interval, so that a failure on the
 * hot path (a router down, a full queue) produces one line every so often instead of one line per message. The
 * line printed after a quiet period says how many similar warnings were suppressed in between. Thread-safe and
 * lock-free.
 */
public final class ThrottledWarning {
    /** The interval used by {@link #ThrottledWarning()}: ten seconds. */
    public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    /** Creates a warning printed at most every ten seconds. */
    public ThrottledWarning() {
        this(DEFAULT_INTERVAL_NANOS, System::nanoTime);
    }

    /**
     * Creates a warning printed at most once per interval.
     *
     * @param intervalNanos the smallest time between two printed lines, in nanoseconds
     * @param nanoClock     the monotonic clock, {@link System#nanoTime()} outside tests
     */
    public ThrottledWarning(long intervalNanos, LongSupplier nanoClock) {
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    /**
     * Prints the warning unless one was printed less than an interval ago, in which case it is only counted.
     *
     * @param message the text, without the {@value Diagnostics#PREFIX} prefix
     * @return true if it was printed
     */
    public boolean warn(String message) {
        long now = nanoClock.getAsLong();
        long next = nextAllowed.get();
        if (now - next < 0 || !nextAllowed.compareAndSet(next, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        long skipped = suppressed.getAndSet(0);
        Diagnostics.warn(skipped == 0 ? message : message + " (" + skipped + " similar warnings suppressed)");
        return true;
    }

    /** Lets the next {@link #warn(String)} print at once, for example after the condition it reports has cleared. */
    public void reset() {
        nextAllowed.set(nanoClock.getAsLong());
    }
}
