package org.metlog.message;

import java.lang.ref.WeakReference;

/**
 * How many messages of one {@link Message.Origin} (one client) were encoded with a field cut or described by
 * {@link FieldBudget}. A message is counted once however often it is encoded in a row (a sender that re-encodes
 * it to fit a datagram, a router handing it to several senders, an error report quoting it): the last message
 * counted is remembered, weakly, so that its fields are not kept alive. Thread-safe; the lock is taken only
 * when a message was cut and when the count is read, never on the path of a whole message.
 */
final class FieldTally {
    private long count;
    private WeakReference<Object> last;

    /** Counts {@code message}, unless it is the message counted last. */
    synchronized void count(Object message) {
        if (last != null && last.get() == message) {
            return;
        }
        last = new WeakReference<>(message);
        count++;
    }

    /** {@return how many messages were counted} */
    synchronized long count() {
        return count;
    }
}
