package org.metlog.message;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many messages of one {@link Origin} (one client) were encoded with a field cut or described by
 * {@link FieldBudget}. Each message is counted once however often it is encoded, and on however many threads (a
 * sender that re-encodes it to fit a datagram, a router handing it to several senders, an error report quoting
 * a copy of it): the message itself remembers that it was counted, see {@code Message.countCut()}. Thread-safe
 * and lock-free.
 */
final class FieldTally {
    private final AtomicLong count = new AtomicLong();

    /** Counts one message more. */
    void add() {
        count.incrementAndGet();
    }

    /** {@return how many messages were counted} */
    long count() {
        return count.get();
    }
}
