package org.metlog.senders;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;

/**
 * What became of each message given to an {@link AsyncSender}: refused (queue full, or closed), delivered or
 * failed by the delegate, or given up when close ran out of time; and the one slot that holds the message in the
 * delegate now. Counting is lock-free.
 *
 * <p>The slot decides, exactly once, who counts the message in it: the worker when the delegate returns
 * ({@link #finish}), or close when it gives up ({@link #giveUpInFlight}); whoever takes the message out of the
 * slot counts it, and the other must not. A delegate that counts for itself still counts a message it finishes
 * after close gave up on it: {@link #finishedAfterGivenUp()} says how many did, so that the end-to-end view can
 * take them out of the drops again.
 */
final class AsyncTally {
    private static final VarHandle IN_FLIGHT;

    static {
        try {
            IN_FLIGHT = MethodHandles.lookup().findVarHandle(AsyncTally.class, "inFlight", Message.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LongAdder droppedFull = new LongAdder();
    private final LongAdder droppedAfterClose = new LongAdder();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong undeliveredAtClose = new AtomicLong();
    private final AtomicLong finishedAfterGivenUp = new AtomicLong();

    @SuppressWarnings("unused") // through IN_FLIGHT
    private volatile Message inFlight;

    /** Counts a message the queue refused: it was full, or sealed by close. */
    void refused(boolean sealed) {
        (sealed ? droppedAfterClose : droppedFull).increment();
    }

    /** The worker puts {@code message} into the slot before it looks at whether close gave up. */
    void begin(Message message) {
        inFlight = message;
    }

    /**
     * The worker takes {@code message} back out of the slot, without having handed it to the delegate, because
     * close gave up: counts it as undelivered unless close already did.
     */
    void cancel(Message message) {
        if (IN_FLIGHT.compareAndSet(this, message, null)) {
            undeliveredAtClose.incrementAndGet();
        }
    }

    /**
     * The delegate returned for {@code message}: counts it as delivered or failed if it is still in the slot.
     *
     * @param failure whether the delegate threw
     * @return false if close had given up on it and counted it as undelivered (counted here as finished after
     *     being given up instead, and nothing else)
     */
    boolean finish(Message message, boolean failure) {
        if (IN_FLIGHT.compareAndSet(this, message, null)) {
            (failure ? failed : delivered).incrementAndGet();
            return true;
        }
        finishedAfterGivenUp.incrementAndGet();
        return false;
    }

    /** {@return true if close took a message out of the slot (the caller counts it as undelivered)} */
    boolean giveUpInFlight() {
        return IN_FLIGHT.getAndSet(this, null) != null;
    }

    /** Counts messages close took off the queue, and the one it took out of the slot, as undelivered. */
    void undelivered(long messages) {
        if (messages > 0) {
            undeliveredAtClose.addAndGet(messages);
        }
    }

    /**
     * {@return the sender's own counts: {@code sent} and {@code failed} by the delegate's answer, every refusal
     *     and every message given up at close in {@code droppedQueueFull}}
     */
    DeliveryStats stats() {
        long drops = droppedFull.sum() + droppedAfterClose.sum() + undeliveredAtClose.get();
        return new DeliveryStats(delivered.get(), 0, drops, 0, failed.get());
    }

    /**
     * {@return the drops to add to the delegate's own end-to-end counts: those of {@link #stats()} less the
     *     messages the delegate finished, and so counted itself, after close had given up on them}
     */
    long dropsBeforeDelegate() {
        return stats().droppedQueueFull() - finishedAfterGivenUp.get();
    }

    long droppedFull() {
        return droppedFull.sum();
    }

    long droppedAfterClose() {
        return droppedAfterClose.sum();
    }

    long undeliveredAtClose() {
        return undeliveredAtClose.get();
    }
}
