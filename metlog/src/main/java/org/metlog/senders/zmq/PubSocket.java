package org.metlog.senders.zmq;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * One pooled publisher: a ZeroMQ XPUB socket connected to every endpoint, used by one thread at a time (see
 * {@link SlotPool}).
 *
 * <p>XPUB rather than PUB, for two things a PUB socket hides. With {@code XPUB_NODROP} a message past the
 * high-water mark is refused ({@code EAGAIN}) instead of silently discarded, so it can be counted. And the socket
 * reports subscriptions, so it knows whether anybody listens: a message published with no subscriber is lost by
 * ZeroMQ, and is reported instead of being counted as sent. Subscriptions are read without verbosity, so the
 * socket sees a topic appear when its first subscriber arrives and disappear when its last one goes away (a
 * connected socket keeps its subscriber's subscription across reconnections, and ZeroMQ queues messages for it
 * up to the high-water mark meanwhile).
 *
 * <p>It connects to each endpoint's {@link ZmqEndpoint#connectTarget()}, never to a host name, so that connecting
 * never waits for DNS: an endpoint whose name has not resolved yet is connected by a later
 * {@link #connectMissing()}, and one whose address changed is disconnected from the old address and connected to
 * the new one (what ZeroMQ queued for the old connection is lost with it).
 */
final class PubSocket {
    /** What happened to one message. */
    enum Outcome {
        /** ZeroMQ took the message for at least one subscriber. */
        SENT,
        /** A subscriber's queue was at the high-water mark. */
        FULL,
        /** No socket was free within the borrow timeout. */
        NO_SLOT,
        /** Nobody has subscribed to this socket. */
        NO_SUBSCRIBER,
        /** The handshake has not been answered. */
        NOT_CONNECTED,
        /** ZeroMQ failed. */
        ERROR,
        /** The sender is closed. */
        CLOSED
    }

    private final ZmqRuntime runtime;
    private final List<ZmqEndpoint> endpoints;
    private final int hwm;
    private final int lingerMs;
    private final boolean ipv6;
    /** What each endpoint's connection was made to, or null if it is not connected; holder only. */
    private final String[] connectedTo;
    private final Set<String> topics = new HashSet<>();
    private ZMQ.Socket socket;
    /** Whether the last refresh saw a subscription; written by the holder, read by anyone. */
    private volatile boolean subscribed;
    /** Whether a ZeroMQ call failed and the socket should be replaced; holder only. */
    private boolean broken;
    /** Whether the handshake was answered; written by the livecheck thread. Always true without handshake. */
    volatile boolean handshakeOk;
    /**
     * Set when an endpoint's host name resolved to a (new) address: whoever holds the socket next connects it
     * (the livecheck thread, a waiter in awaitConnection, or a sender, for which it costs no lookup).
     */
    volatile boolean connectDue;
    /** The last error of this socket, for diagnostics. */
    volatile String lastError;

    PubSocket(ZmqRuntime runtime, List<ZmqEndpoint> endpoints, int hwm, int lingerMs, boolean handshakeOk) {
        this.runtime = runtime;
        this.endpoints = endpoints;
        this.hwm = hwm;
        this.lingerMs = lingerMs;
        this.ipv6 = endpoints.stream().anyMatch(ZmqEndpoint::mayBeIpv6);
        this.connectedTo = new String[endpoints.size()];
        this.handshakeOk = handshakeOk;
        open();
    }

    private void open() {
        socket = runtime.socket(SocketType.XPUB, lingerMs, ipv6);
        socket.setSndHWM(hwm);
        socket.setXpubNoDrop(true);
        java.util.Arrays.fill(connectedTo, null);
        topics.clear();
        subscribed = false;
        broken = false;
        connectMissing();
    }

    /**
     * Connects the endpoints that are not connected yet or whose host name resolved to a new address. Never
     * looks a name up: an endpoint whose name has not resolved yet is left for a later call (the resolver reports
     * it). Holder only.
     *
     * @return a description of the endpoints that JeroMQ refused to connect, or null if there are none
     */
    String connectMissing() {
        connectDue = false;
        StringBuilder errors = null;
        for (int i = 0; i < connectedTo.length; i++) {
            String target = endpoints.get(i).connectTarget();
            if (target == null || target.equals(connectedTo[i])) {
                continue;
            }
            String problem;
            try {
                if (connectedTo[i] != null) {
                    socket.disconnect(connectedTo[i]);
                    connectedTo[i] = null;
                }
                connectedTo[i] = socket.connect(target) ? target : null;
                problem = connectedTo[i] != null ? null : "errno " + socket.errno();
            } catch (RuntimeException e) {
                problem = String.valueOf(e.getMessage());
            }
            if (problem != null) {
                errors = errors == null ? new StringBuilder() : errors.append("; ");
                errors.append(endpoints.get(i)).append(": ").append(problem);
            }
        }
        if (errors != null) {
            lastError = errors.toString();
        }
        return errors == null ? null : errors.toString();
    }

    /** Reads the (un)subscriptions ZeroMQ has queued for this socket. Holder only. */
    void refresh() {
        byte[] notice;
        while ((notice = socket.recv(ZMQ.DONTWAIT)) != null) {
            if (notice.length == 0) {
                continue;
            }
            String topic = new String(notice, 1, notice.length - 1, StandardCharsets.ISO_8859_1);
            if (notice[0] == 1) {
                topics.add(topic);
            } else if (notice[0] == 0) {
                topics.remove(topic);
            }
        }
        subscribed = !topics.isEmpty();
    }

    /** {@return whether the last refresh saw a subscriber} */
    boolean subscribed() {
        return subscribed;
    }

    /** {@return whether the socket should be replaced} */
    boolean broken() {
        return broken;
    }

    /**
     * Publishes one message without blocking. Holder only.
     *
     * @return what happened; never {@link Outcome#NO_SLOT} or {@link Outcome#CLOSED}
     */
    Outcome publish(byte[] json, int off, int len) {
        if (!handshakeOk) {
            return Outcome.NOT_CONNECTED;
        }
        if (broken) {
            return Outcome.ERROR;
        }
        try {
            if (connectDue) {
                connectMissing(); // a numeric address: JeroMQ looks nothing up; a refusal is the livecheck's to report
            }
            if (!subscribed) {
                refresh();
                if (!subscribed) {
                    return Outcome.NO_SUBSCRIBER;
                }
            }
            return socket.send(json, off, len, ZMQ.DONTWAIT) ? Outcome.SENT : Outcome.FULL;
        } catch (RuntimeException e) {
            broken = true;
            lastError = String.valueOf(e);
            return Outcome.ERROR;
        }
    }

    /** Replaces a broken socket by a new one connected to every endpoint. Holder only. */
    void reopen() {
        close();
        open();
    }

    /** Closes the socket; its queued messages get the linger time to go out. Never throws. */
    void close() {
        try {
            socket.close();
        } catch (RuntimeException e) {
            // the context is going away anyway
        }
    }
}
