package org.metlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metlog.message.DeliveryStats;
import org.metlog.message.FieldLimits;
import org.metlog.message.Message;
import org.metlog.message.Origin;
import org.metlog.spi.DeliveryCounters;

/**
 * The one place every count of a client comes from, over its whole life: the client's own counts (messages a
 * filter dropped, messages a filter refused with an exception or that were never built, such as a non-finite
 * gauge), the account of the current sender, the accounts of replaced senders that may still be counting, and
 * the final counts of the replaced senders that no longer can.
 *
 * <p>The accounts are one immutable {@link Books} value behind a volatile field, replaced only by the client
 * under its reconfiguration lock. A replaced sender's account stays among the {@code retired}, read afresh by
 * every snapshot, until it is quiet ({@link SenderAccount#isQuiet()}: no message can reach it any more); only
 * then are its counts final and folded into the history. A message from a thread that still held the old
 * settings is therefore counted exactly once, by the old sender (if it got there first) or by the current one.
 * A reader sees every account exactly once. Counting on the send path never takes a lock.
 */
final class DeliveryLedger {
    private static final SenderAccount[] NONE = new SenderAccount[0];

    private final DeliveryCounters own = new DeliveryCounters();
    /** The client's messages, whose encodings with a field cut or described are counted as truncated. */
    private final Origin origin;
    private volatile Books books;

    /**
     * The accounts at one moment.
     *
     * @param current the current sender's account
     * @param retired the accounts of replaced senders that may still receive or count messages
     * @param handed  what the client's quiet earlier senders took without throwing and threw for
     * @param view    the quiet earlier senders' final end-to-end counts
     */
    private record Books(SenderAccount current, SenderAccount[] retired, DeliveryStats handed, DeliveryStats view) {
    }

    DeliveryLedger(SenderAccount first, Origin origin) {
        this.origin = origin;
        this.books = new Books(first, NONE, DeliveryStats.EMPTY, DeliveryStats.EMPTY);
    }

    /** Counts one message a filter dropped. */
    void filtered() {
        own.filtered();
    }

    /** Counts one message the client could not hand to a sender (a filter threw, or it could not be built). */
    void failed() {
        own.failed();
    }

    /**
     * Makes {@code next} the current account; the current one joins the retired, read live until it is quiet.
     * Under the client's lock, before the settings holding {@code next} are published.
     */
    void replacing(SenderAccount next) {
        Books b = books;
        SenderAccount[] retired = Arrays.copyOf(b.retired, b.retired.length + 1);
        retired[b.retired.length] = b.current;
        books = new Books(next, retired, b.handed, b.view);
    }

    /**
     * Folds the counts of every retired account that is quiet (its sender closed and no message in flight) into
     * the history, where they are final; the others stay live. Under the client's lock, after the replaced sender
     * is closed; repeated at every later reconfiguration.
     */
    void settle() {
        Books b = books;
        List<SenderAccount> live = new ArrayList<>(b.retired.length);
        DeliveryStats handed = b.handed;
        DeliveryStats view = b.view;
        for (SenderAccount account : b.retired) {
            if (account.isQuiet()) {
                handed = handed.plus(account.handedView());
                view = view.plus(account.endToEnd());
            } else {
                live.add(account);
            }
        }
        if (live.size() != b.retired.length) {
            books = new Books(b.current, live.toArray(NONE), handed, view);
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
        for (SenderAccount account : b.retired) {
            handed = handed.plus(account.handedView());
        }
        DeliveryStats mine = own.snapshot();
        return new DeliveryStats(handed.sent(), mine.filtered(), 0, 0, mine.failed() + handed.failed(),
            FieldLimits.truncatedMessages(origin));
    }

    /**
     * {@return the client's own counts combined with its senders' end-to-end counts: a message a sender does not
     *     carry (a statsd sender given a log message, a router without a route for it) is in {@code filtered}}
     */
    DeliveryStats deliveryStats() {
        Books b = books;
        DeliveryStats senders = b.view.plus(b.current.endToEnd());
        for (SenderAccount account : b.retired) {
            senders = senders.plus(account.endToEnd());
        }
        DeliveryStats all = senders.plus(own.snapshot());
        return new DeliveryStats(all.sent(), all.filtered(), all.droppedQueueFull(), all.droppedTooLarge(),
            all.failed(), FieldLimits.truncatedMessages(origin));
    }
}
