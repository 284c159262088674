package org.metlog.spi;

import java.util.concurrent.atomic.LongAdder;
import org.metlog.message.DeliveryStats;

/**
 * Thread-safe delivery counters behind a {@link DeliveryStats} snapshot. Counting is contention-free
 * ({@link LongAdder}), so it is cheap enough for the hot path.
 */
public final class DeliveryCounters {
    private final LongAdder sent = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder droppedQueueFull = new LongAdder();
    private final LongAdder droppedTooLarge = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Creates counters that are all zero. */
    public DeliveryCounters() {
    }

    /** Counts one message handed on successfully. */
    public void sent() {
        sent.increment();
    }

    /** Counts one message dropped by a filter. */
    public void filtered() {
        filtered.increment();
    }

    /** Counts one message dropped because a queue or high-water mark was full. */
    public void droppedQueueFull() {
        droppedQueueFull.increment();
    }

    /** Counts one message dropped or diverted because it was too large. */
    public void droppedTooLarge() {
        droppedTooLarge.increment();
    }

    /** Counts one message whose delivery failed with an error. */
    public void failed() {
        failed.increment();
    }

    /**
     * Counts {@code messages} messages handed on successfully, such as the calls one aggregated statsd line stands
     * for.
     *
     * @param messages how many, at least 0
     */
    public void sent(long messages) {
        sent.add(messages);
    }

    /**
     * Counts {@code messages} messages dropped because a queue or a socket buffer was full.
     *
     * @param messages how many, at least 0
     */
    public void droppedQueueFull(long messages) {
        droppedQueueFull.add(messages);
    }

    /**
     * Counts {@code messages} messages dropped or diverted because they were too large.
     *
     * @param messages how many, at least 0
     */
    public void droppedTooLarge(long messages) {
        droppedTooLarge.add(messages);
    }

    /**
     * Counts {@code messages} messages whose delivery failed.
     *
     * @param messages how many, at least 0
     */
    public void failed(long messages) {
        failed.add(messages);
    }

    /** {@return the current values; each counter is read once, so concurrent updates may straddle it} */
    public DeliveryStats snapshot() {
        return new DeliveryStats(sent.sum(), filtered.sum(), droppedQueueFull.sum(), droppedTooLarge.sum(),
            failed.sum());
    }
}
