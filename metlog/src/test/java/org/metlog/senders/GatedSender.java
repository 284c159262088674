package org.metlog.senders;
import org.metlog.spi.Sender;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;

/**
 * A recording fake delegate that holds every send until the gate opens, and tells when a send has begun, so a
 * test can fill a queue behind it deterministically. {@link #counting()} makes one that counts what it was given
 * and, like a thread blocked in {@code write(2)}, ignores interrupts while it waits.
 */
final class GatedSender implements Sender {
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    final List<String> payloads = new CopyOnWriteArrayList<>();
    volatile boolean closed;
    volatile int flushes;
    private final DeliveryCounters counters;

    GatedSender() {
        this(null);
    }

    private GatedSender(DeliveryCounters counters) {
        this.counters = counters;
    }

    /** {@return a gated sender that counts every message it is given as sent and cannot be interrupted} */
    static GatedSender counting() {
        return new GatedSender(new DeliveryCounters());
    }

    @Override
    public void send(Message message) throws InterruptedException {
        entered.countDown();
        if (counters == null) {
            gate.await();
        } else {
            awaitUninterruptibly();
            counters.sent();
        }
        payloads.add(message.payload());
    }

    private void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                gate.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public DeliveryStats stats() {
        return counters == null ? DeliveryStats.EMPTY : counters.snapshot();
    }

    @Override
    public void flush() {
        flushes++;
    }

    void awaitEntered() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the background thread never called the delegate");
        }
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void close() {
        closed = true;
    }
}
