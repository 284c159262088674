package org.metlog;

import java.util.concurrent.atomic.LongAdder;

import org.metlog.message.DeliveryStats;
import org.metlog.spi.Sender;

/**
 * What a client handed to one sender while it used it: messages the sender took without throwing, and messages
 * for which it threw. Thread-safe; counting is contention-free. Successive settings that keep the same sender
 * share its account.
 */
final class SenderAccount {
    final Sender sender;
    private final LongAdder handed = new LongAdder();
    private final LongAdder threw = new LongAdder();

    SenderAccount(Sender sender) {
        this.sender = sender;
    }

    /** Counts one message the sender took without throwing. */
    void handed() {
        handed.increment();
    }

    /** Counts one message for which the sender threw. */
    void threw() {
        threw.increment();
    }

    /** {@return the client-side view: {@code sent} = handed, {@code failed} = threw} */
    DeliveryStats handedView() {
        return new DeliveryStats(handed.sum(), 0, 0, 0, threw.sum());
    }

    /**
     * Returns the end-to-end counters of the sender ({@link Sender#deliveryStats()}); a sender that does not count
     * (it returns the {@link DeliveryStats#EMPTY} constant itself) is described by what the client handed it.
     *
     * @return the counters of every message given to the sender
     */
    DeliveryStats endToEnd() {
        DeliveryStats counted = sender.deliveryStats();
        return counted != DeliveryStats.EMPTY ? counted : handedView();
    }
}
