package org.metlog.spi;

import java.time.Duration;

import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;

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
 *
 * <p>A sender that wraps another (asynchronous delivery, a router) forwards {@link #awaitConnection(Duration)}
 * and reports the end-to-end counts of what it handed on in {@link #deliveryStats()}, so that wrapping a sender
 * loses none of its capabilities. Every sender's {@code toString()} names its class and destination.
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

    /**
     * Returns the end-to-end counters of every message given to this sender: what became of each one, down to the
     * last sender that handled it. A sender that hands messages on to others (asynchronous delivery, a router)
     * overrides this to combine its own drops with its delegates' end-to-end counts; by default it is
     * {@link #stats()}.
     *
     * @return a snapshot; {@link DeliveryStats#EMPTY} (the constant itself) for senders that do not count
     */
    default DeliveryStats deliveryStats() {
        return stats();
    }

    /**
     * Waits until this sender can deliver, for senders whose connection is set up in the background after they
     * are built (a ZeroMQ subscriber joining, a handshake being answered, a host name being resolved).
     * Short-lived programs such as the command line call it before sending, so that their few messages are not
     * lost to the connection not being ready yet; long-running applications normally do not need to. Blocks the
     * calling thread for at most about {@code max}; never throws. By default a sender is ready at once.
     *
     * @param max the longest time to wait
     * @return true if the sender is ready to deliver, false if it was not ready in time (messages sent now are
     *     handled as the sender's failure behaviour describes)
     */
    default boolean awaitConnection(Duration max) {
        return true;
    }

    /** Releases threads, sockets and files; further messages are dropped. Never throws. Does nothing by default. */
    @Override
    default void close() {
    }
}
