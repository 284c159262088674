package org.metlog.senders.zmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.metlog.internal.Monitors;

/**
 * A fixed set of items (sockets that are not thread-safe), each lent to one thread at a time.
 *
 * <p>Senders {@link #borrow(long)} and {@link #release(Object)}, most recently released first, so that a thread
 * sending alone keeps using the same socket. The background thread {@link #take(Object)}s particular idle items
 * for maintenance and {@link #giveBack(Object)}s them. After {@link #close(Consumer, Duration)}, idle items are
 * closed at once and lent ones by the thread that returns them, so that every item is closed exactly once and only
 * by the thread that last used it (ZeroMQ allows moving a socket between threads across such a hand-over).
 */
final class SlotPool<T> {
    private final LinkedBlockingDeque<T> free;
    private final Object lock = new Object();
    private volatile boolean closed;
    private int open;
    private Consumer<T> closer;

    SlotPool(List<T> items) {
        this.free = new LinkedBlockingDeque<>(items);
        this.open = items.size();
    }

    /**
     * Lends an item, waiting at most {@code timeoutNanos} for one to be free.
     *
     * @return the item, or null if none became free in time or the pool is closed
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    T borrow(long timeoutNanos) throws InterruptedException {
        if (closed) {
            return null;
        }
        T item = free.pollFirst();
        if (item == null && timeoutNanos > 0) {
            item = free.pollFirst(timeoutNanos, TimeUnit.NANOSECONDS);
        }
        return item;
    }

    /** Returns a borrowed item; closes it instead if the pool was closed meanwhile. */
    void release(T item) {
        synchronized (lock) {
            if (!closed) {
                free.offerFirst(item);
                return;
            }
        }
        closeOne(item);
    }

    /**
     * Takes one particular item if it is idle, without waiting.
     *
     * @return true if the caller now holds it and must {@link #giveBack(Object)} it
     */
    boolean take(T item) {
        return !closed && free.removeFirstOccurrence(item);
    }

    /** Returns an item obtained with {@link #take(Object)}, behind the others; closes it if the pool was closed. */
    void giveBack(T item) {
        synchronized (lock) {
            if (!closed) {
                free.offerLast(item);
                return;
            }
        }
        closeOne(item);
    }

    /** {@return whether {@link #close(Consumer, Duration)} was called} */
    boolean isClosed() {
        return closed;
    }

    /**
     * Closes the idle items now and the lent ones when they come back, then waits for all to be closed.
     *
     * @param closer closes one item; must not throw
     * @param wait   how long to wait for lent items to come back
     * @return true if every item is closed
     */
    boolean close(Consumer<T> closer, Duration wait) {
        List<T> idle = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return open == 0;
            }
            this.closer = closer;
            closed = true;
            free.drainTo(idle);
        }
        for (T item : idle) {
            closeOne(item);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            return Monitors.awaitHeld(lock, deadline, () -> open == 0);
        }
    }

    private void closeOne(T item) {
        Consumer<T> c;
        synchronized (lock) {
            c = closer;
        }
        try {
            c.accept(item);
        } finally {
            synchronized (lock) {
                open--;
                lock.notifyAll();
            }
        }
    }
}
