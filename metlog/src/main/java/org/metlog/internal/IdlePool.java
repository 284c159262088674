package org.metlog.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Idle objects all threads share, such as encoding buffers: a fixed ring of slots, each holding an idle object or
 * null. Taking one is a compare-and-set on the first occupied slot from a start that depends on the thread, so
 * threads rarely meet on a slot; when every slot is empty (more threads at once than slots), the factory makes a
 * new object, which is kept afterwards if a slot is free. Lock-free: no thread ever waits for another. A thread
 * holds nothing of its own, so a fresh (virtual) thread costs nothing extra.
 *
 * @param <T> the objects held
 */
public final class IdlePool<T> {
    private final AtomicReferenceArray<T> slots;
    private final int mask;
    private final Supplier<T> factory;

    /**
     * @param slots   the number of idle objects kept, a power of two
     * @param factory makes an object when none is idle
     */
    public IdlePool(int slots, Supplier<T> factory) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.slots = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
        this.factory = factory;
    }

    /** {@return four slots per processor, at least 8 and at most 256, a power of two} */
    public static int slotsFor(int processors) {
        int wanted = Math.max(8, Math.min(256, processors * 4));
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    /** {@return an idle object, or a new one} */
    public T take() {
        int start = start();
        for (int i = 0; i <= mask; i++) {
            int slot = (start + i) & mask;
            T idle = slots.get(slot);
            if (idle != null && slots.compareAndSet(slot, idle, null)) {
                return idle;
            }
        }
        return factory.get();
    }

    /** Keeps {@code idle} for a later {@link #take()}, unless every slot is taken (then it is left to the GC). */
    public void giveBack(T idle) {
        int start = start();
        for (int i = 0; i <= mask; i++) {
            int slot = (start + i) & mask;
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, idle)) {
                return;
            }
        }
    }

    /** {@return the number of idle objects held now} */
    public int idle() {
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            n += slots.get(i) == null ? 0 : 1;
        }
        return n;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
    private static int start() {
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 16)) * 0x9E3779B9 >>> 8;
    }
}
