package org.metlog.senders;

import java.time.Duration;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;
import org.metlog.spi.Sender;

/**
 * What {@link UdpSender}, {@link StatsdSender} and {@link LogdSender} share: their {@link UdpTransport}, their
 * counters, readiness and a {@code toString()} naming the class and the destinations.
 */
abstract class UdpTransportSender implements Sender {
    /** The socket, the DNS policy and the error handler. */
    final UdpTransport transport;
    /** Every message given to {@code send}, counted once. */
    final DeliveryCounters counters = new DeliveryCounters();

    /**
     * {@return false: the envelope, the statsd line or the logd datagram is made from the message (or the message
     * aggregated) before {@code send} returns, and the message is never kept}
     */
    @Override
    public boolean keepsMessages() {
        return false;
    }

    UdpTransportSender(UdpTransport transport) {
        this.transport = transport;
    }

    /**
     * Waits until every host name has resolved; at once for IP literals. Blocks the calling thread for at most
     * about {@code max}; never throws.
     *
     * @param max the longest time to wait
     * @return true if every destination has an address and the sender is open
     */
    @Override
    public boolean awaitConnection(Duration max) {
        return transport.awaitConnection(max);
    }

    /**
     * Returns the counts of every message given to {@code send}. Thread-safe, never blocks.
     *
     * @return a snapshot
     */
    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    /**
     * Counts a message whose serialization threw as failed and reports it to the handler, so that it never
     * vanishes from the counts nor reaches the caller. A {@link VirtualMachineError} is counted and rethrown, for
     * the client to report.
     *
     * @param message the message
     * @param error   what its serialization threw
     */
    final void notEncoded(Message message, Throwable error) {
        counters.failed();
        if (error instanceof VirtualMachineError vme && !(error instanceof StackOverflowError)) {
            throw vme;
        }
        transport.report(transport.notEncoded, message, error);
    }

    /** {@return the transport, for tests} */
    UdpTransport transport() {
        return transport;
    }

    /** {@return the class and the configured destinations, such as {@code UdpSender(udp://127.0.0.1:5565)}} */
    @Override
    public String toString() {
        return transport.toString();
    }
}
