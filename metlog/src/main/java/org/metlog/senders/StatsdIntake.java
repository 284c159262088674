package org.metlog.senders;

import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;

/**
 * What {@link StatsdSender#send(Message)} does with an open sender's message: adds it to the
 * {@link StatsdAggregator} if the sender aggregates, else (or if it cannot be aggregated) formats it as a line and
 * queues it on the {@link StatsdBatcher}; and counts what goes neither way (filtered, dropped, failed). Thread-safe;
 * never blocks.
 */
final class StatsdIntake {
    /** The problem reported for a line longer than a datagram. */
    static final String LINE_TOO_LONG = "StatsdSender: a statsd line is longer than a datagram; it was dropped";
    private static final String QUEUE_FULL = "StatsdSender: too many lines are waiting to be sent (or metrics are"
        + " aggregated); new ones are dropped";

    private final UdpTransport transport;
    private final DeliveryCounters counters;
    private final String prefix;
    private final StatsdTags tags;
    private final int maxPacketSize;
    private final StatsdAggregator aggregator;
    private final StatsdBatcher batcher;

    /** @param aggregator the aggregation, or null if the sender does not aggregate */
    StatsdIntake(UdpTransport transport, DeliveryCounters counters, String prefix, StatsdTags tags,
                 int maxPacketSize, StatsdAggregator aggregator, StatsdBatcher batcher) {
        this.transport = transport;
        this.counters = counters;
        this.prefix = prefix;
        this.tags = tags;
        this.maxPacketSize = maxPacketSize;
        this.aggregator = aggregator;
        this.batcher = batcher;
    }

    /**
     * Aggregates or queues one message, or counts it.
     *
     * @throws IllegalArgumentException if a statistic has no name, a bad rate or a payload that is not a number
     *                                  (counted as failed)
     */
    void send(Message message) {
        if (aggregator != null && aggregated(message)) {
            return;
        }
        byte[] line;
        try {
            line = StatsdLines.format(message, prefix, tags);
        } catch (Throwable e) { // counted once, then reported by the client
            counters.failed();
            throw e;
        }
        if (line == null) {
            counters.filtered();
            return;
        }
        if (line.length > maxPacketSize) {
            counters.droppedTooLarge();
            transport.report(LINE_TOO_LONG, message, null);
            return;
        }
        if (!batcher.offer(line)) {
            queueFull(message);
        }
    }

    /** {@return false if the message is to be sent as a line of its own; else it is aggregated or counted} */
    private boolean aggregated(Message message) {
        StatsdAggregator.Result result;
        try {
            result = aggregator.add(message, batcher);
        } catch (Throwable e) { // counted once, then reported by the client
            counters.failed();
            throw e;
        }
        switch (result) {
            case ADDED, ADDED_FLUSH_SOON -> {
                if (batcher.isClosed()) {
                    batcher.drain(); // raced with close(): count the call (as failed) rather than strand it
                } else if (result == StatsdAggregator.Result.ADDED_FLUSH_SOON) {
                    batcher.wake();
                }
            }
            case NOT_STATSD -> counters.filtered();
            case FULL -> queueFull(message);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@return what counts and reports an aggregated line longer than a datagram} */
    static StatsdMetric.Drops tooLarge(UdpTransport transport, DeliveryCounters counters) {
        return calls -> {
            counters.droppedTooLarge(calls);
            transport.report(LINE_TOO_LONG, null, null);
        };
    }

    private void queueFull(Message message) {
        counters.droppedQueueFull();
        transport.report(QUEUE_FULL, message, null);
    }
}
