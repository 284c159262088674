package org.metlog.spi;

import java.time.Duration;

import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;

/**
 * Delivers messages: serializes each one and hands it to a stream, a socket or another system.
 *
 * <p>Senders are shared by every thread that uses their client, so {@link #send(Message)} must be thread-safe.
 * A sender may throw from {@code send}; the client catches it, counts the message as failed and reports the
 * error to its {@link ErrorHandler} (the standard one, {@link ErrorHandlers#stderr()}, prints the first error of a
 * kind on stderr at once and then throttled summaries), so an exception never reaches application code.
 *
 * <p>Built from configuration: the {@code sender} key (or a nested sender's {@code class}) names the class, a
 * metlog-py alias or a {@code Class#method} static factory taking {@link Options}. A class is built by its
 * {@code public static fromConfig(Options)} method if it has one, else by a public no-argument constructor (and
 * then accepts no options). {@link Options#errorHandler()} is the handler its own delivery errors go to, and
 * {@link Options#components()} builds the senders or formatters it names in turn, so a sender never depends on
 * the configuration loader.
 *
 * <p>Counting: a sender that overrides {@link #stats()} counts every message given to {@code send} exactly once,
 * in {@code sent} or in one drop/failure counter, including a message for which it throws (count it as
 * {@code failed}, then throw), a message whose serialization throws (whatever {@code Throwable} a field's
 * {@code toString()} throws) and a message it does not carry ({@code filtered}). The client's
 * {@link org.metlog.MetlogClient#deliveryStats()} relies on this to add up exactly: it does not add its own
 * tally of throws to a counting sender's counts. A sender that does not override it is described by what the
 * client handed it.
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
     * Says whether this sender may keep a message after {@link #send(Message)} returns (queue it, hand it to
     * another thread, store it). {@code false} is a promise that it never does (an error report it makes holds
     * a copy of its own, see {@link DeliveryError#message()}): the client may then reuse the message object for
     * its next statistic, so that {@code incr}, {@code timer} and {@code gauge} allocate none. The default is
     * {@code true}, always safe.
     *
     * @return false only if no message is kept past the return of {@code send}
     */
    default boolean keepsMessages() {
        return true;
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
