package org.metlog.senders.kafka;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.metlog.spi.DeliveryCounters;

/**
 * The records handed to the producer and not yet resolved, and the one place their outcomes are counted.
 * Thread-safe and lock-free.
 *
 * <p>Exactly once: the number pending and a "settled" flag share one atomic word. A record is entered, then
 * resolved once (by its callback, or at once by the sender if the producer refused it); {@link #settle()} counts
 * whatever is still pending as dropped and sets the flag in the same atomic step, so a resolution that arrives
 * later finds the flag and counts nothing.
 */
final class InFlight {
    private static final long SETTLED = 1L << 62;
    private static final long POLL_NANOS = 1_000_000L;

    /** What became of one record. */
    enum Outcome {
        SENT, FAILED, QUEUE_FULL, TOO_LARGE;

        void count(DeliveryCounters counters) {
            switch (this) {
                case SENT -> counters.sent();
                case FAILED -> counters.failed();
                case QUEUE_FULL -> counters.droppedQueueFull();
                default -> counters.droppedTooLarge();
            }
        }
    }

    private final AtomicLong state = new AtomicLong();
    private final LongAdder entered = new LongAdder();
    private final LongAdder resolved = new LongAdder();
    private final DeliveryCounters counters;

    InFlight(DeliveryCounters counters) {
        this.counters = counters;
    }

    /** {@return true if a record may go to the producer; false once settled (the caller counts it as dropped)} */
    boolean enter() {
        for (;;) {
            long s = state.get();
            if ((s & SETTLED) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                entered.increment();
                return true;
            }
        }
    }

    /**
     * Counts the outcome of an entered record, unless {@link #settle()} has counted it already.
     *
     * @param outcome what became of it
     * @return true if it was counted now
     */
    boolean resolve(Outcome outcome) {
        for (;;) {
            long s = state.get();
            if ((s & SETTLED) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s - 1)) {
                outcome.count(counters);
                resolved.increment();
                return true;
            }
        }
    }

    /**
     * Counts every record still pending as dropped ({@code droppedQueueFull}); later resolutions count nothing.
     *
     * @return how many were pending; 0 if already settled
     */
    long settle() {
        long before = state.getAndUpdate(s -> s | SETTLED);
        if ((before & SETTLED) != 0) {
            return 0;
        }
        for (long i = 0; i < before; i++) {
            counters.droppedQueueFull();
        }
        return before;
    }

    /** {@return records handed to the producer and not resolved yet} */
    long pending() {
        return state.get() & ~SETTLED;
    }

    /**
     * Waits until every record entered before this call is resolved (or at least as many others), the ledger is
     * settled, or the deadline passes. Polls: a flush is rare and off the hot path.
     *
     * @param deadlineNanos the deadline on {@code clock}
     * @param clock         a monotonic clock in nanoseconds
     * @return true if none of those records is still pending
     */
    boolean awaitResolved(long deadlineNanos, LongSupplier clock) {
        long target = entered.sum();
        while (resolved.sum() < target && (state.get() & SETTLED) == 0) {
            long left = deadlineNanos - clock.getAsLong();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, POLL_NANOS));
        }
        return true;
    }
}
