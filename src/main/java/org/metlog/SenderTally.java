package org.metlog;

import java.util.concurrent.atomic.LongAdder;
import org.metlog.senders.AsyncSender;
import org.metlog.senders.Sender;

/**
 * What a client handed to one sender during the time it used it: messages the sender took without throwing, and
 * messages for which it threw. Thread-safe; counting is contention-free.
 */
final class SenderTally {
    final LongAdder handed = new LongAdder();
    final LongAdder threw = new LongAdder();

    /**
     * Returns the end-to-end counters of a sender: its own counters, where a sender that wraps another
     * ({@link AsyncSender}) contributes its drops and lets its delegate's counters say what happened to the
     * messages it handed on. A sender that does not count ({@link Sender#stats()} returns the
     * {@link DeliveryStats#EMPTY} constant) is described by what the client handed it.
     *
     * @param sender the sender
     * @return the counters of every message given to the sender
     */
    DeliveryStats view(Sender sender) {
        DeliveryStats counted = counted(sender);
        return counted != null ? counted : new DeliveryStats(handed.sum(), 0, 0, 0, threw.sum());
    }

    /** @return the sender's end-to-end counters, or null if it does not count */
    private static DeliveryStats counted(Sender sender) {
        DeliveryStats own = sender.stats();
        if (own == DeliveryStats.EMPTY) {
            return null;
        }
        if (sender instanceof AsyncSender async) {
            DeliveryStats delegate = counted(async.delegate());
            if (delegate != null) {
                // the delegate counted every message it was given, including those it threw for
                return delegate.plus(new DeliveryStats(0, 0, own.droppedQueueFull(), 0, 0));
            }
        }
        return own;
    }
}
