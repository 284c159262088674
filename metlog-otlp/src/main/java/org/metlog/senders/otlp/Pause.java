package org.metlog.senders.otlp;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How the export thread waits between attempts: for real by default; tests inject one that records the waits it
 * is asked for and returns at once, so backoff is checked exactly and without sleeping.
 */
@FunctionalInterface
interface Pause {
    /** Parks the calling thread for the delay, returning early once {@code stop} holds (checked on each wake-up). */
    Pause PARK = (nanos, stop) -> {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0 && !stop.getAsBoolean()) {
            LockSupport.parkNanos(left);
            left = deadline - System.nanoTime();
        }
    };

    /**
     * Waits.
     *
     * @param nanos how long
     * @param stop  when to stop waiting early
     */
    void pause(long nanos, BooleanSupplier stop);
}
