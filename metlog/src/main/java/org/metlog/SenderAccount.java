package org.metlog;

import java.util.concurrent.atomic.LongAdder;

import org.metlog.message.DeliveryStats;
import org.metlog.spi.Sender;

/**
 * What a client handed to one sender while it used it: messages the sender took without throwing, and messages
 * for which it threw. Thread-safe; counting is contention-free. Successive settings that keep the same sender
 * share its account.
 *
 * <p>Once the client replaces the sender, the account is {@link #retire() retired}: a thread that still holds
 * the old settings learns it in {@link #enter()} and sends to the current settings instead, so that after
 * {@link #isQuiet()} nothing reaches the old sender any more and its counts are final. Every message entering is
 * counted ({@code entered}), and so is its way out ({@code handed}, {@code threw} or {@code bounced}): the
 * account is quiet once the two agree.
 */
final class SenderAccount {
    final Sender sender;
    private final LongAdder entered = new LongAdder();
    private final LongAdder handed = new LongAdder();
    private final LongAdder threw = new LongAdder();
    private final LongAdder bounced = new LongAdder();
    private volatile boolean retired;

    SenderAccount(Sender sender) {
        this.sender = sender;
    }

    /**
     * Announces a message about to be given to the sender; lock-free. Every {@code true} must be followed by
     * {@link #handed()} or {@link #threw()}.
     *
     * @return true to give it to this sender, false if the account is retired (the message must go to the
     *     current settings; it is counted here as bounced)
     */
    boolean enter() {
        entered.increment();
        // Dekker-style with retire() and isQuiet(): the increment is visible before this read, so a retirer
        // that does not see it is seen to have retired here
        if (retired) {
            bounced.increment();
            return false;
        }
        return true;
    }

    /** Counts one message the sender took without throwing. */
    void handed() {
        handed.increment();
    }

    /** Counts one message for which the sender threw. */
    void threw() {
        threw.increment();
    }

    /** Stops new messages from reaching the sender; they bounce to the client's current settings. */
    void retire() {
        retired = true;
    }

    /**
     * Returns whether a retired account's sender can receive no more messages from the client: every message
     * that entered has left. Exits are read before entries, so a message in flight is never missed.
     *
     * @return true once the account is retired and nothing is in flight
     */
    boolean isQuiet() {
        if (!retired) {
            return false;
        }
        long out = handed.sum() + threw.sum() + bounced.sum();
        return entered.sum() == out;
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
