package org.metlog.message;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * How many messages of one {@link Message.Origin} (one client) were encoded with a field cut or described by
 * {@link FieldBudget}. A message is counted once however often it is encoded, and on however many threads (a
 * sender that re-encodes it to fit a datagram while another sender's thread encodes other messages of the same
 * client, a router handing it to several senders, an error report quoting it): the messages counted are
 * remembered by identity, weakly, so that their fields are not kept alive and a message no longer referenced is
 * forgotten. Thread-safe; the lock is taken only when a message was cut and when the count is read, never on the
 * path of a whole message.
 */
final class FieldTally {
    private long count;
    // Message has identity equality, so this is an identity set of the cut messages still alive
    private final Map<Object, Boolean> counted = new WeakHashMap<>();

    /** Counts {@code message}, unless it was counted before. */
    synchronized void count(Object message) {
        if (counted.put(message, Boolean.TRUE) == null) {
            count++;
        }
    }

    /** {@return how many messages were counted} */
    synchronized long count() {
        return count;
    }
}
