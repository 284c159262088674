package org.metlog.senders.otlp;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.metlog.message.Message;

/**
 * The messages waiting to be exported: a lock-free queue bounded by a count reserved before each offer, so that
 * callers on many threads never wait for each other and memory never grows past the capacity.
 */
final class MessageBuffer {
    private final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    /** Messages in the queue: {@code size} less offers still in progress, so a batch taken is as full as seen. */
    private final AtomicInteger ready = new AtomicInteger();
    private final int capacity;

    MessageBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** {@return false, leaving the buffer as it was, if it already holds its capacity} */
    boolean offer(Message message) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.offer(message);
        ready.incrementAndGet();
        return true;
    }

    /** {@return true if this very message was still waiting and is now removed (only its own poller counts it)} */
    boolean remove(Message message) {
        if (queue.remove(message)) {
            ready.decrementAndGet();
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Moves up to {@code max} messages into {@code into}; {@return how many} */
    int drainTo(List<Message> into, int max) {
        int n = 0;
        Message m;
        while (n < max && (m = queue.poll()) != null) {
            ready.decrementAndGet();
            size.decrementAndGet();
            into.add(m);
            n++;
        }
        return n;
    }

    /** {@return how many messages are waiting in the queue (not counting offers in progress)} */
    int size() {
        return ready.get();
    }
}
