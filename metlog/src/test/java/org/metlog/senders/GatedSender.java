package org.metlog.senders;
import org.metlog.spi.Sender;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.metlog.message.Message;

/**
 * A recording fake delegate that holds every send until the gate opens, and tells when a send has begun, so a
 * test can fill a queue behind it deterministically.
 */
final class GatedSender implements Sender {
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    final List<String> payloads = new CopyOnWriteArrayList<>();
    volatile boolean closed;
    volatile int flushes;

    @Override
    public void send(Message message) throws InterruptedException {
        entered.countDown();
        gate.await();
        payloads.add(message.payload());
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
