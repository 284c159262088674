package org.metlog;

import org.metlog.message.DeliveryStats;
import org.metlog.message.FieldLimits;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;

/**
 * The one place every count of a client comes from, over its whole life: the client's own counts (messages a
 * filter dropped, messages a filter refused with an exception or that were never built, such as a non-finite
 * gauge), the account of the current sender, the account of a sender being closed, and the final counts of the
 * senders it replaced.
 *
 * <p>The accounts are one immutable {@link Books} value behind a volatile field, replaced (by the client, under
 * its reconfiguration lock) in two steps when the sender changes: first the new sender becomes current while
 * the previous one is closing, then, once closed, the previous one's final counts move into the history. A
 * reader therefore sees every account exactly once. Counting on the send path never takes a lock.
 */
final class DeliveryLedger {
    private final DeliveryCounters own = new DeliveryCounters();
    /** The client's messages, whose encodings with a field cut or described are counted as truncated. */
    private final Message.Origin origin;
    private volatile Books books;

    /**
     * The accounts at one moment.
     *
     * @param current the current sender's account
     * @param closing the account of a sender being closed, or null
     * @param handed  what the client's earlier senders took without throwing and threw for
     * @param view    the earlier senders' end-to-end counts
     */
    private record Books(SenderAccount current, SenderAccount closing, DeliveryStats handed, DeliveryStats view) {
    }

    DeliveryLedger(SenderAccount first, Message.Origin origin) {
        this.origin = origin;
        this.books = new Books(first, null, DeliveryStats.EMPTY, DeliveryStats.EMPTY);
    }

    /** Counts one message a filter dropped. */
    void filtered() {
        own.filtered();
    }

    /** Counts one message the client could not hand to a sender (a filter threw, or it could not be built). */
    void failed() {
        own.failed();
    }

    /** Makes {@code next} the current account while the current one is being closed. Under the client's lock. */
    void replacing(SenderAccount next) {
        Books b = books;
        books = new Books(next, b.current, b.handed, b.view);
    }

    /** Moves the closed sender's now final counts into the history. Under the client's lock. */
    void settle() {
        Books b = books;
        if (b.closing != null) {
            books = new Books(b.current, null, b.handed.plus(b.closing.handedView()),
                b.view.plus(b.closing.endToEnd()));
        }
    }

    /**
     * {@return what the client handed on ({@code sent}), dropped by filter ({@code filtered}) and failed
     *     ({@code failed}: its own failures plus messages for which a sender threw), and how many of its messages
     *     were truncated}
     */
    DeliveryStats stats() {
        Books b = books;
        DeliveryStats handed = b.handed.plus(b.current.handedView());
        if (b.closing != null) {
            handed = handed.plus(b.closing.handedView());
        }
        DeliveryStats mine = own.snapshot();
        return new DeliveryStats(handed.sent(), mine.filtered(), 0, 0, mine.failed() + handed.failed(),
            FieldLimits.truncatedMessages(origin));
    }

    /** {@return the client's own counts combined with its senders' end-to-end counts} */
    DeliveryStats deliveryStats() {
        Books b = books;
        DeliveryStats senders = b.view.plus(b.current.endToEnd());
        if (b.closing != null) {
            senders = senders.plus(b.closing.endToEnd());
        }
        DeliveryStats mine = own.snapshot();
        return new DeliveryStats(senders.sent(), mine.filtered(), senders.droppedQueueFull(),
            senders.droppedTooLarge(), mine.failed() + senders.failed(), FieldLimits.truncatedMessages(origin));
    }
}
