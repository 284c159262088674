package org.metlog.senders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.metlog.internal.HostName;
import org.metlog.internal.HostResolver;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/**
 * The one UDP transport of {@link UdpSender}, {@link StatsdSender} and {@link LogdSender}: a non-blocking
 * {@link DatagramChannel}, the {@link HostResolver} DNS policy (on the {@value #RESOLVER_THREAD} thread), one
 * datagram limit and one way of reporting delivery errors (the sender's {@link ErrorHandler}).
 *
 * <p>With exactly one destination the channel is connected to it once its address is known, so that an ICMP
 * port-unreachable shows as a failed send and sends skip the per-packet address check; a changed address (DNS
 * refresh) gets a newly connected channel. With several destinations one unconnected channel sends to each.
 *
 * <p>What cannot be delivered is counted and reported to the handler, never written anywhere else: the standard
 * handler's throttle is the one limit on what a dead destination puts on stderr. A destination whose send failed
 * is paused for a moment ({@link SendGate}), so that a refusing destination costs no system call and no exception
 * per message.
 *
 * <p>{@link #send(Message, ByteBuffer)} never blocks (no DNS, a non-blocking socket) and never throws. Thread-safe.
 */
final class UdpTransport {
    /** The largest UDP payload over IPv4 (65,535 minus the IP and UDP headers): the limit of every UDP sender. */
    static final int MAX_DATAGRAM = 65_507;
    /** The name of the daemon thread that resolves the destinations' host names. */
    static final String RESOLVER_THREAD = "metlog-udp-resolver";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    /** What became of one datagram; each message is counted once, in the counter its outcome names. */
    enum Outcome {
        SENT, QUEUE_FULL, TOO_LARGE, FAILED;

        /** Counts {@code messages} messages with this outcome. */
        void count(DeliveryCounters counters, long messages) {
            switch (this) {
                case SENT -> counters.sent(messages);
                case QUEUE_FULL -> counters.droppedQueueFull(messages);
                case TOO_LARGE -> counters.droppedTooLarge(messages);
                default -> counters.failed(messages);
            }
        }
    }

    /** The sender's policy for a datagram over the limit: a smaller encoding that fits, or null to drop it. */
    @FunctionalInterface
    interface Oversize {
        /** Drops every datagram over the limit. */
        Oversize DROP = (message, datagram, limit) -> null;

        ByteBuffer fit(Message message, ByteBuffer datagram, int limit);
    }

    /** A channel and whether it is connected to the single destination. */
    private record Link(DatagramChannel channel, boolean connected) {
    }

    private final String source;
    private final List<UdpDestination> destinations;
    private final int maxDatagram;
    private final Oversize oversize;
    /** One gate per destination, in the order of {@link #destinations}. */
    private final SendGate[] gates;
    private final ErrorHandler handler;
    private final HostResolver resolver;
    private final Object linkLock = new Object();
    private volatile Link link;
    private volatile boolean closed;
    private final String unresolved;
    private final String sendFailed;
    private final String tooLarge;
    private final String truncated;
    private final String afterClose;
    /** The problem of a message whose encoding threw (a field's or a key's {@code toString()}). */
    final String notEncoded;
    private final String unresolvable;
    private final String stale;

    /**
     * Opens the channel and, if a destination is a host name, starts resolving it in the background.
     *
     * @param kind         the sender's class name, for {@link #toString()} and the problem texts
     * @param destinations one or more destinations
     * @param maxDatagram  the largest datagram, at most {@value #MAX_DATAGRAM}
     * @param oversize     what to do with a larger datagram
     * @param settings     the DNS schedule, the error handler and the clock of the send pauses
     * @throws UncheckedIOException if no UDP socket can be opened
     */
    UdpTransport(String kind, List<UdpDestination> destinations, int maxDatagram, Oversize oversize,
                 TransportSettings settings) {
        this.destinations = List.copyOf(destinations);
        List<String> uris = new ArrayList<>();
        List<HostName> names = new ArrayList<>();
        for (UdpDestination d : this.destinations) {
            uris.add(d.uri());
            if (!d.literal) {
                names.add(d.name);
            }
        }
        this.source = kind + "(" + String.join(", ", uris) + ")";
        this.maxDatagram = Math.min(maxDatagram, MAX_DATAGRAM);
        this.oversize = oversize;
        this.gates = new SendGate[this.destinations.size()];
        for (int i = 0; i < gates.length; i++) {
            gates[i] = new SendGate(settings.nanoClock);
        }
        this.handler = settings.handler();
        this.unresolved = kind + ": a destination's host name is not resolved (yet); its messages are counted as"
            + " failed";
        this.sendFailed = kind + ": a datagram could not be sent; its messages are counted as failed";
        this.tooLarge = kind + ": a message is larger than a UDP datagram carries; it was dropped";
        this.truncated = kind + ": a message is larger than a UDP datagram carries; its payload was truncated";
        this.afterClose = kind + ": a message was sent after close(); it is counted as failed";
        this.notEncoded = kind + ": a message could not be serialized (a field's toString() threw); it is counted"
            + " as failed";
        this.unresolvable = kind + ": cannot resolve host; its messages are counted as failed until it resolves"
            + " (retried with backoff)";
        this.stale = kind + ": looking up a resolved host again failed; still sending to its previous address";
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.configureBlocking(false);
            this.link = new Link(channel, false);
        } catch (IOException e) {
            throw new UncheckedIOException(kind + ": cannot open a UDP socket: " + e.getMessage(), e);
        }
        if (this.destinations.size() == 1 && this.destinations.get(0).address() != null) {
            connect();
        }
        this.resolver = names.isEmpty() ? null
            : new HostResolver(names, settings.policy(), new HostResolver.Events() {
                @Override
                public void changed(HostName name) {
                    connect();
                }

                @Override
                public void failed(HostName name, UnknownHostException cause) {
                    ErrorHandler.report(handler, DeliveryError.of(source,
                        name.address() == null ? unresolvable : stale, null, cause));
                }
            }, kind, RESOLVER_THREAD);
        if (resolver != null && settings.background) {
            resolver.start();
        }
    }

    /** {@return the resolver, or null if every destination is an IP literal} */
    HostResolver resolver() {
        return resolver;
    }

    /** {@return the handler errors are reported to} */
    ErrorHandler handler() {
        return handler;
    }

    /** {@return the largest datagram sent, in bytes} */
    int maxDatagram() {
        return maxDatagram;
    }

    /** {@return whether the channel is connected to the single destination (false for several)} */
    boolean connected() {
        return link.connected();
    }

    /** Connects a fresh channel to the single destination's (new) address; nothing for several destinations. */
    private void connect() {
        InetSocketAddress to = destinations.get(0).address();
        if (destinations.size() != 1 || to == null) {
            return;
        }
        synchronized (linkLock) {
            if (closed) {
                return;
            }
            Link old = link;
            try {
                DatagramChannel channel = old.connected() ? DatagramChannel.open() : old.channel();
                channel.configureBlocking(false);
                channel.connect(to);
                link = new Link(channel, true);
                gates[0].open();
                if (old.connected()) {
                    closeQuietly(old.channel());
                }
            } catch (IOException | RuntimeException e) {
                // an address the system cannot route to: send unconnected, each send then reports its failure
                ErrorHandler.report(handler, DeliveryError.of(source, sendFailed, null, e));
            }
        }
    }

    /**
     * Sends one datagram to every destination. Never blocks and never throws: what cannot be delivered is
     * reported to the error handler and told in the outcome. The datagram's position is left as it was.
     *
     * @param message  the message the datagram carries, for the oversize policy and error reports; may be null
     * @param datagram the bytes from its position to its limit
     * @return {@code TOO_LARGE} if it was over the limit (whether or not a smaller encoding went out), else
     *     {@code FAILED} if a destination could not be sent to, else {@code QUEUE_FULL} if a socket buffer was
     *     full for a destination, else {@code SENT}
     */
    Outcome send(Message message, ByteBuffer datagram) {
        if (datagram.remaining() > maxDatagram) {
            ByteBuffer fitted = oversize.fit(message, datagram, maxDatagram);
            if (fitted == null || fitted.remaining() > maxDatagram) {
                report(tooLarge, message, null);
            } else {
                report(truncated, message, null);
                deliver(message, fitted);
            }
            return Outcome.TOO_LARGE;
        }
        return deliver(message, datagram);
    }

    private Outcome deliver(Message message, ByteBuffer datagram) {
        if (closed) {
            report(afterClose, message, null);
            return Outcome.FAILED;
        }
        Link l = link;
        int start = datagram.position();
        boolean failed = false;
        boolean full = false;
        for (int i = 0; i < gates.length; i++) {
            InetSocketAddress to = destinations.get(i).address();
            if (to == null) { // checked before trying: no exception, no system call
                failed = true;
                report(unresolved, message, null);
                continue;
            }
            SendGate gate = gates[i];
            Throwable paused = gate.paused();
            if (paused != null) { // refused a moment ago: counted and reported with that failure, not tried
                failed = true;
                reportSendFailure(message, paused);
                continue;
            }
            datagram.position(start);
            try {
                int written = l.connected() ? l.channel().write(datagram) : l.channel().send(datagram, to);
                full |= written == 0;
                gate.open();
            } catch (IOException | RuntimeException e) {
                failed = true;
                gate.failed(e);
                reportSendFailure(message, e);
            }
        }
        datagram.position(start);
        if (failed) {
            return Outcome.FAILED;
        }
        return full ? Outcome.QUEUE_FULL : Outcome.SENT;
    }

    private void reportSendFailure(Message message, Throwable cause) {
        ErrorHandler.report(handler, message == null ? DeliveryError.of(source, sendFailed, null, cause)
            : DeliveryError.sendFailed(source, message, cause));
    }

    /**
     * Reports a problem of one message (or of a batch, with {@code message} null) to the handler.
     *
     * @param problem a fixed text, made once per transport
     */
    void report(String problem, Message message, Throwable cause) {
        ErrorHandler.report(handler, DeliveryError.of(source, problem, message, cause));
    }

    /**
     * Waits until every destination has an address; at once for IP literals. Never throws.
     *
     * @param max the longest wait
     * @return true if every destination has an address and the transport is open
     */
    boolean awaitConnection(Duration max) {
        return !closed && (resolver == null || resolver.awaitResolved(max)) && !closed;
    }

    /** Reports what the error handler has held back. */
    void flush() {
        handler.flush();
    }

    /**
     * Stops the resolver (waiting about a second at most for a lookup in progress) and closes the channel; later
     * datagrams fail. Never throws.
     */
    void close() {
        synchronized (linkLock) {
            closed = true;
        }
        if (resolver != null) {
            resolver.close(CLOSE_WAIT);
        }
        closeQuietly(link.channel());
        handler.flush();
    }

    /** {@return true once {@link #close()} has begun} */
    boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /** {@return the sender's class and destinations, such as {@code UdpSender(udp://127.0.0.1:5565)}} */
    @Override
    public String toString() {
        return source;
    }
}
