package org.metlog.senders;

import org.metlog.DeliveryStats;
import org.metlog.Message;

/**
 * Delivers messages: serializes each one and hands it to a stream, a socket or another system.
 *
 * <p>Senders are shared by every thread that uses their client, so {@link #send(Message)} must be thread-safe.
 * A sender may throw from {@code send}; the client catches it, reports the message and the error on stderr and
 * counts it as failed, so an exception never reaches application code. A sender built from configuration is
 * named by class; see {@link org.metlog.config.Components} for how it is built.
 *
 * <p>Counting: a sender that overrides {@link #stats()} counts every message given to {@code send} exactly once,
 * in {@code sent} or in one drop/failure counter, including a message for which it throws (count it as
 * {@code failed}, then throw). The client's {@link org.metlog.MetlogClient#deliveryStats()} relies on this to
 * add up exactly. A sender that does not override it is described by what the client handed it.
 */
public interface Sender extends AutoCloseable {

    /**
     * Delivers one message. Should not block for long: network senders drop (and count) rather than wait.
     *
     * @param message the message; the sender must not keep it after returning unless it owns it from now on
     * @throws Exception if delivery failed; the client reports and counts it
     */
    void send(Message message) throws Exception;

    /** Delivers anything buffered. Does nothing by default. */
    default void flush() {
    }

    /**
     * Returns this sender's delivery counters.
     *
     * @return a snapshot; {@link DeliveryStats#EMPTY} for senders that do not count
     */
    default DeliveryStats stats() {
        return DeliveryStats.EMPTY;
    }

    /** Releases threads, sockets and files; further messages are dropped. Never throws. Does nothing by default. */
    @Override
    default void close() {
    }
}
