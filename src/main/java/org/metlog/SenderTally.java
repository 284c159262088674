package org.metlog;
import org.metlog.message.DeliveryStats;

import java.util.concurrent.atomic.LongAdder;
import org.metlog.spi.Sender;

/**
 * What a client handed to one sender during the time it used it: messages the sender took without throwing, and
 * messages for which it threw. Thread-safe; counting is contention-free.
 */
final class SenderTally {
    final LongAdder handed = new LongAdder();
    final LongAdder threw = new LongAdder();

    /**
     * Returns the end-to-end counters of a sender ({@link Sender#deliveryStats()}); a sender that does not count
     * (it returns the {@link DeliveryStats#EMPTY} constant) is described by what the client handed it.
     *
     * @param sender the sender
     * @return the counters of every message given to the sender
     */
    DeliveryStats view(Sender sender) {
        DeliveryStats counted = sender.deliveryStats();
        return counted != DeliveryStats.EMPTY ? counted : new DeliveryStats(handed.sum(), 0, 0, 0, threw.sum());
    }
}
