package org.metlog.testing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A monotonic clock for {@link org.metlog.MetlogClient.Builder#nanoClock}: it stands still until a test advances it, so
 * timer assertions are exact. Each thread has its own reading, so that threads timing concurrently each see only
 * the time they advanced themselves (a thread starts at the reading of {@link #start}).
 */
public final class ManualNanoClock implements LongSupplier {
    private final long start;
    private final ThreadLocal<long[]> now;

    public ManualNanoClock() {
        this(1_000_000_000L);
    }

    /** @param start the first reading of every thread, in nanoseconds (any value: only differences matter) */
    public ManualNanoClock(long start) {
        this.start = start;
        this.now = ThreadLocal.withInitial(() -> new long[] {start});
    }

    @Override
    public long getAsLong() {
        return now.get()[0];
    }

    /** Advances the calling thread's reading. */
    public void advance(Duration by) {
        now.get()[0] += by.toNanos();
    }

    /** Advances the calling thread's reading by whole milliseconds. */
    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** @return the reading every thread starts from */
    public long start() {
        return start;
    }
}
