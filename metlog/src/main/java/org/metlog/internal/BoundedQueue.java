package org.metlog.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded, lock-free, allocation-free array queue for many producers and consumers (Dmitry Vyukov's bounded
 * MPMC queue: every slot carries a sequence number that says whose turn it is), that can be sealed.
 *
 * <p>{@link #offer} never blocks and never allocates: it claims a slot with one CAS, stores the element and
 * publishes it. {@link #poll} claims the oldest published element with one CAS. {@link #seal()} refuses every
 * later offer, atomically with respect to offers, so that after sealing exactly {@link #claimed()} elements will
 * ever be published: an owner that drains until {@link #taken()} reaches that number has seen every element
 * ever accepted. The capacity is exact (it need not be a power of two).
 *
 * @param <E> the element type
 */
public final class BoundedQueue<E> {
    /** {@link #offer} result: the element was queued. */
    public static final int OK = 0;
    /** {@link #offer} result: the queue is full; the element was not queued. */
    public static final int FULL = 1;
    /** {@link #offer} result: the queue is sealed; the element was not queued. */
    public static final int SEALED = 2;

    private static final long SEALED_BIT = 1L << 62;
    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ELEMENTS = MethodHandles.arrayElementVarHandle(Object[].class);

    private final int capacity;
    private final int mask;
    private final long[] sequences;
    private final Object[] elements;
    private final PaddedCounter head = new PaddedCounter(); // next position to take
    private final PaddedCounter tail = new PaddedCounter(); // next position to claim, plus SEALED_BIT once sealed
    /** Producers' cached bound: positions below it are within capacity (head, read a moment ago, + capacity). */
    private final PaddedCounter limit = new PaddedCounter();

    /**
     * Creates an empty queue.
     *
     * @param capacity how many elements it holds, at least 1
     * @throws IllegalArgumentException if the capacity is below 1 or above 2^30
     */
    public BoundedQueue(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("queue capacity " + capacity + " is out of range: 1 to 2^30");
        }
        this.capacity = capacity;
        // The slot sequences cannot tell "full" from "free" with a single slot, so there are always at least two,
        // a power of two for cheap indexing; the exact capacity is enforced by the limit.
        int slots = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        this.mask = slots - 1;
        this.sequences = new long[slots];
        this.elements = new Object[slots];
        for (int i = 0; i < slots; i++) {
            sequences[i] = i;
        }
        this.limit.set(capacity);
    }

    /** {@return how many elements the queue holds at most} */
    public int capacity() {
        return capacity;
    }

    private int index(long position) {
        return (int) position & mask;
    }

    /**
     * Queues an element if there is room and the queue is not sealed. Never blocks.
     *
     * @param element the element, not null
     * @return {@link #OK}, {@link #FULL} or {@link #SEALED}
     */
    public int offer(E element) {
        long position = tail.getVolatile();
        while (true) {
            if ((position & SEALED_BIT) != 0) {
                return SEALED;
            }
            if (position >= limit.getVolatile()) {
                long fresh = head.getVolatile() + capacity;
                if (position >= fresh) {
                    return FULL;
                }
                limit.set(fresh); // racing producers may store an older bound: that only costs a re-read
            }
            int index = index(position);
            long sequence = (long) SEQUENCES.getAcquire(sequences, index);
            long difference = sequence - position;
            if (difference == 0) {
                long witness = tail.compareAndExchange(position, position + 1);
                if (witness == position) {
                    ELEMENTS.set(elements, index, element);
                    SEQUENCES.setRelease(sequences, index, position + 1);
                    return OK;
                }
                position = witness;
            } else if (difference < 0) {
                return FULL; // the slot still holds the element of the previous lap: a consumer is taking it
            } else {
                position = tail.getVolatile(); // another producer took this position: catch up
            }
        }
    }

    /**
     * Takes the oldest published element.
     *
     * @return the element, or null if none is published (the queue is empty, or an element is claimed but not
     *     yet stored: try again shortly)
     */
    @SuppressWarnings("unchecked")
    public E poll() {
        long position = head.getVolatile();
        while (true) {
            int index = index(position);
            long sequence = (long) SEQUENCES.getAcquire(sequences, index);
            long difference = sequence - (position + 1);
            if (difference == 0) {
                long witness = head.compareAndExchange(position, position + 1);
                if (witness == position) {
                    E element = (E) ELEMENTS.get(elements, index);
                    ELEMENTS.set(elements, index, null);
                    SEQUENCES.setRelease(sequences, index, position + sequences.length);
                    return element;
                }
                position = witness;
            } else if (difference < 0) {
                return null;
            } else {
                position = head.getVolatile();
            }
        }
    }

    /**
     * Refuses every later offer. Idempotent.
     *
     * @return the number of elements ever accepted ({@link #claimed()}), final from now on
     */
    public long seal() {
        return tail.getAndBitwiseOr(SEALED_BIT) & ~SEALED_BIT;
    }

    /** {@return true once {@link #seal()} was called} */
    public boolean isSealed() {
        return (tail.getVolatile() & SEALED_BIT) != 0;
    }

    /** {@return the number of offers ever accepted (some may still be being stored)} */
    public long claimed() {
        return tail.getVolatile() & ~SEALED_BIT;
    }

    /** {@return the number of elements ever taken} */
    public long taken() {
        return head.getVolatile();
    }

    /** {@return the number of elements accepted and not yet taken; a moment's estimate under concurrency} */
    public int size() {
        long taken = taken();
        long size = claimed() - taken;
        return (int) Math.max(0, Math.min(capacity, size));
    }

    /** {@return true if every accepted element has been taken} */
    public boolean isEmpty() {
        long taken = taken();
        return claimed() <= taken;
    }

    /** A long on a cache line of its own, so that producers and consumers do not slow each other down. */
    @SuppressWarnings("unused")
    private static final class PaddedCounter {
        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(PaddedCounter.class, "value", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private long p01, p02, p03, p04, p05, p06, p07;
        private volatile long value;
        private long p11, p12, p13, p14, p15, p16, p17;

        long getVolatile() {
            return value;
        }

        long compareAndExchange(long expected, long next) {
            return (long) VALUE.compareAndExchange(this, expected, next);
        }

        void set(long next) {
            value = next;
        }

        long getAndBitwiseOr(long bits) {
            return (long) VALUE.getAndBitwiseOr(this, bits);
        }
    }
}
