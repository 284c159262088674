package org.metlog.senders;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.metlog.spi.DeliveryCounters;

/**
 * {@link StatsdSender}'s queue of formatted lines and the daemon thread ({@value StatsdSender#THREAD_NAME}) that
 * packs them, newline-separated, into datagrams of at most {@code maxPacketSize} bytes and hands each to the
 * {@link UdpTransport}: every flush interval, or sooner once a datagram's worth is waiting. The lines of the
 * {@link StatsdAggregator}, if the sender aggregates, go first. Each line is counted once, as the messages it
 * stands for, with the outcome of its datagram. Thread-safe; {@link #offer(byte[])} never blocks.
 */
final class StatsdBatcher implements StatsdAggregator.Lines {
    private static final long JOIN_MILLIS = 2_000;

    private final StatsdAggregator aggregator;
    private final long flushIntervalNanos;
    private final int capacity;
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Object packLock = new Object();
    private final StatsdPacket packet; // guarded by packLock
    private final Thread flusher;
    private volatile boolean closed;

    /** @param aggregator the aggregated metrics to flush first, or null if the sender does not aggregate */
    StatsdBatcher(UdpTransport transport, DeliveryCounters counters, int maxPacketSize, long flushIntervalNanos,
                  int capacity, StatsdAggregator aggregator) {
        this.aggregator = aggregator;
        this.flushIntervalNanos = flushIntervalNanos;
        this.capacity = capacity;
        this.packet = new StatsdPacket(transport, counters, maxPacketSize);
        this.flusher = new Thread(this::flushLoop, StatsdSender.THREAD_NAME);
        flusher.setDaemon(true);
        flusher.start();
    }

    /**
     * Queues one line (at most a datagram long). Never blocks.
     *
     * @return false if the queue is full (the line is not queued and not counted)
     */
    @Override
    public boolean offer(byte[] line) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(line);
        boolean packetReady = queuedBytes.addAndGet(line.length + 1L) >= packet.capacity();
        if (closed) {
            drain(); // raced with close(): count the line (as failed) rather than strand it in the queue
        } else if (packetReady) {
            LockSupport.unpark(flusher);
        }
        return true;
    }

    /** Has the thread flush now rather than at the end of the interval. Never blocks. */
    void wake() {
        LockSupport.unpark(flusher);
    }

    /** {@return true once {@link #close()} has begun} */
    boolean isClosed() {
        return closed;
    }

    /** Packs the aggregated metrics and every queued line into datagrams and sends them, on the calling thread. */
    void drain() {
        synchronized (packLock) {
            if (aggregator != null) {
                aggregator.flushInto(packet);
            }
            byte[] line;
            while ((line = queue.poll()) != null) {
                queued.decrementAndGet();
                queuedBytes.addAndGet(-(line.length + 1L));
                packet.startLine(line.length);
                packet.put(line);
                packet.carries(1);
            }
            packet.writeOut();
        }
    }

    /** Stops the thread (waiting up to two seconds) and sends what is queued. Idempotent. */
    void close() {
        closed = true;
        LockSupport.unpark(flusher);
        try {
            flusher.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    private void flushLoop() {
        while (!closed) {
            LockSupport.parkNanos(this, flushIntervalNanos);
            if (!closed) {
                drain();
            }
        }
    }
}
