package org.metlog.senders;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.metlog.spi.DeliveryCounters;

/**
 * {@link StatsdSender}'s queue of formatted lines and the daemon thread ({@value StatsdSender#THREAD_NAME}) that
 * packs them, newline-separated, into datagrams of at most {@code maxPacketSize} bytes and hands each to the
 * {@link UdpTransport}: every flush interval, or sooner once a datagram's worth is waiting. Each line is counted
 * once, with the outcome of its datagram. Thread-safe; {@link #offer(byte[])} never blocks.
 */
final class StatsdBatcher {
    private static final long JOIN_MILLIS = 2_000;

    private final UdpTransport transport;
    private final DeliveryCounters counters;
    private final long flushIntervalNanos;
    private final int capacity;
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Object packLock = new Object();
    private final ByteBuffer packet;
    private int inPacket; // guarded by packLock
    private final Thread flusher;
    private volatile boolean closed;

    StatsdBatcher(UdpTransport transport, DeliveryCounters counters, int maxPacketSize, long flushIntervalNanos,
                  int capacity) {
        this.transport = transport;
        this.counters = counters;
        this.flushIntervalNanos = flushIntervalNanos;
        this.capacity = capacity;
        this.packet = ByteBuffer.allocate(maxPacketSize);
        this.flusher = new Thread(this::flushLoop, StatsdSender.THREAD_NAME);
        flusher.setDaemon(true);
        flusher.start();
    }

    /**
     * Queues one line (at most a datagram long). Never blocks.
     *
     * @return false if the queue is full (the line is not queued and not counted)
     */
    boolean offer(byte[] line) {
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

    /** {@return true once {@link #close()} has begun} */
    boolean isClosed() {
        return closed;
    }

    /** Packs every queued line into datagrams and sends them, on the calling thread. */
    void drain() {
        synchronized (packLock) {
            byte[] line;
            while ((line = queue.poll()) != null) {
                queued.decrementAndGet();
                queuedBytes.addAndGet(-(line.length + 1L));
                int needed = line.length + (packet.position() > 0 ? 1 : 0);
                if (needed > packet.remaining()) {
                    writePacket();
                }
                if (packet.position() > 0) {
                    packet.put((byte) '\n');
                }
                packet.put(line);
                inPacket++;
            }
            if (packet.position() > 0) {
                writePacket();
            }
        }
    }

    private void writePacket() {
        packet.flip();
        transport.send(null, packet).count(counters, inPacket);
        packet.clear();
        inPacket = 0;
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
