package org.metlog.senders;
import org.metlog.spi.Sender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.Options;
import org.metlog.spi.DeliveryCounters;
import org.metlog.message.EnvelopeJson;
import org.metlog.internal.StderrJson;
import org.metlog.internal.ThrottledWarning;

/**
 * Sends each message as one UDP datagram of compact JSON to every destination (metlog-py's
 * {@code metlog.senders.udp.UdpSender}).
 *
 * <p><b>Destinations.</b> {@code host} and {@code port} are each one value or a list, zipped into host/port
 * pairs: extra hosts reuse the last port, extra ports are ignored. Hosts may be IPv4 or IPv6 literals (IPv6 with
 * or without brackets) or host names. Every message goes to every destination.
 *
 * <p><b>Never blocks, never throws.</b> The socket is one non-blocking {@link DatagramChannel} shared by all
 * threads: when its send buffer is full the datagram is dropped for that destination and counted
 * ({@code droppedQueueFull}) instead of blocking the caller. Host names are resolved on a background daemon
 * thread ({@value HostResolver#THREAD_NAME}), never on the sending thread. A name that does not resolve does not
 * stop the application: building waits at most {@link Builder#initialResolveWait(Duration)} (2 s) for the first
 * lookups, messages for an unresolved destination are written to stderr as one JSON line each and counted as
 * {@code failed}, and the name is looked up again every {@link Builder#resolveRetry(Duration)} (5 s) until it
 * resolves. Resolved names are looked up again every {@link Builder#resolveRefresh(Duration)} (60 s). A send that
 * fails with an I/O error is handled like an unresolved destination (stderr, {@code failed}).
 *
 * <p><b>Too large.</b> A UDP datagram carries at most {@value #MAX_PAYLOAD_BYTES} bytes over IPv4; the same
 * limit is used for IPv6 (whose limit, 65,527, is only slightly larger), so that a message is the same datagram
 * to every destination. A larger envelope is never dropped silently: its payload is cut so that the envelope fits,
 * and ends with {@value #TRUNCATION_MARKER}<i>N</i>{@code  bytes]}; the result is still valid JSON with every
 * other key intact. If even an empty payload does not fit (huge fields), the whole envelope is written to stderr as
 * one JSON line instead. Either way the message is counted as {@code droppedTooLarge} and a throttled warning is
 * printed.
 *
 * <p><b>Counting.</b> Each message is counted once: {@code droppedTooLarge} if it was too large, else
 * {@code failed} if any destination could not be sent to, else {@code droppedQueueFull} if any destination's
 * datagram was dropped for a full buffer, else {@code sent}.
 *
 * <p>Thread-safe. Configuration options: {@code host}, {@code port} (positional in that order).
 */
public final class UdpSender implements Sender {
    /** The largest UDP payload over IPv4 (65,535 minus the IP and UDP headers), used for every destination. */
    public static final int MAX_PAYLOAD_BYTES = 65_507;
    /** How a truncated payload ends, followed by the original payload's size in UTF-8 bytes and {@code " bytes]"}. */
    public static final String TRUNCATION_MARKER = "... [truncated by metlog: the payload had ";

    private final List<UdpDestination> destinations;
    private final DatagramChannel channel;
    private final HostResolver resolver;
    private final int maxPayloadBytes;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final ThrottledWarning tooLargeWarning = new ThrottledWarning();
    private final ThrottledWarning fullWarning = new ThrottledWarning();
    private final ThrottledWarning closedWarning = new ThrottledWarning();
    private volatile boolean closed;

    private UdpSender(Builder b, List<UdpDestination> destinations) {
        this.destinations = List.copyOf(destinations);
        this.maxPayloadBytes = b.maxPayloadBytes;
        try {
            this.channel = DatagramChannel.open();
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("UdpSender: cannot open a UDP socket: " + e.getMessage(), e);
        }
        List<UdpDestination> names = new ArrayList<>();
        for (UdpDestination d : this.destinations) {
            if (!d.literal) {
                names.add(d);
            }
        }
        this.resolver = names.isEmpty() ? null : new HostResolver(names, b.resolveRetry, b.resolveRefresh);
    }

    private UdpSender start(Duration initialResolveWait) {
        if (resolver != null) {
            resolver.start();
            resolver.awaitFirstRound(initialResolveWait);
        }
        return this;
    }

    /**
     * Creates a sender to one destination, with the defaults of {@link Builder}.
     *
     * @param host an IP literal or a host name
     * @param port 1 to 65535
     * @return the sender
     * @throws IllegalArgumentException if the host is malformed or the port out of range
     */
    public static UdpSender to(String host, int port) {
        return builder().hosts(List.of(host)).ports(List.of(port)).build();
    }

    /**
     * Creates a sender to hosts and ports zipped as metlog-py zips them, with the defaults of {@link Builder}.
     *
     * @param hosts one or more hosts
     * @param ports one or more ports; the last is repeated for extra hosts, extra ports are ignored
     * @return the sender
     * @throws IllegalArgumentException if a list is empty, a host is malformed or a port out of range
     */
    public static UdpSender create(List<String> hosts, List<Integer> ports) {
        return builder().hosts(hosts).ports(ports).build();
    }

    /** @return a builder; {@link Builder#hosts(List)} and {@link Builder#ports(List)} must be set */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the sender from configuration options {@code host} (a string or a list of strings) and {@code port}
     * (a port or a list of ports), which may also be given as positional args in that order.
     *
     * @param options the options
     * @return the sender
     * @throws org.metlog.spi.InvalidOptionException if a host or port is missing or malformed
     */
    public static UdpSender fromConfig(Options options) {
        options.bindPositional("host", "port");
        List<String> hosts = options.strings("host", null);
        if (hosts == null) {
            throw options.missing("host", "a host name or IP address, or a list of them");
        }
        if (hosts.isEmpty()) {
            throw options.invalid("host", options.raw("host"), "a host name or IP address, or a non-empty list");
        }
        List<Integer> ports = options.ports("port");
        List<UdpDestination> parsed = new ArrayList<>();
        for (var pair : zip(hosts, ports)) {
            try {
                parsed.add(UdpDestination.of(pair.host(), pair.port()));
            } catch (IllegalArgumentException e) {
                throw options.invalid("host", options.raw("host"), "host names or IP addresses (" + e.getMessage()
                    + ")");
            }
        }
        Builder b = builder();
        return new UdpSender(b, parsed).start(b.initialResolveWait);
    }

    /** A host and the port it is zipped with. */
    record HostPort(String host, int port) {
    }

    /**
     * Zips hosts and ports as metlog-py does: the last port is repeated for extra hosts, extra ports are ignored.
     *
     * @throws IllegalArgumentException if either list is empty
     */
    static List<HostPort> zip(List<String> hosts, List<Integer> ports) {
        if (hosts.isEmpty() || ports.isEmpty()) {
            throw new IllegalArgumentException("UdpSender needs at least one host and one port, got hosts " + hosts
                + " and ports " + ports);
        }
        List<HostPort> out = new ArrayList<>(hosts.size());
        for (int i = 0; i < hosts.size(); i++) {
            out.add(new HostPort(hosts.get(i), ports.get(Math.min(i, ports.size() - 1))));
        }
        return out;
    }

    /**
     * Returns the destinations in order, as configured (not resolved).
     *
     * @return unresolved socket addresses: {@link InetSocketAddress#getHostString()} is the configured host
     */
    public List<InetSocketAddress> destinations() {
        List<InetSocketAddress> out = new ArrayList<>(destinations.size());
        for (UdpDestination d : destinations) {
            out.add(d.configured());
        }
        return out;
    }

    /**
     * Sends the message to every destination. Never blocks (no DNS, non-blocking socket) and never throws; see
     * the class documentation for what happens when it cannot deliver.
     *
     * @param message the message
     */
    @Override
    public void send(Message message) {
        ByteBuffer wire = EnvelopeJson.encode(message);
        boolean tooLarge = wire.remaining() > maxPayloadBytes;
        if (tooLarge) {
            int size = wire.remaining();
            wire = truncated(message);
            if (wire == null) {
                StderrJson.line(EnvelopeJson.encode(message));
                counters.droppedTooLarge();
                tooLargeWarning.warn("UdpSender: a message of type '" + message.type() + "' is " + size
                    + " bytes, more than a UDP datagram carries (" + maxPayloadBytes + "), even with an empty"
                    + " payload; it was written to stderr instead");
                return;
            }
            tooLargeWarning.warn("UdpSender: a message of type '" + message.type() + "' is " + size
                + " bytes, more than a UDP datagram carries (" + maxPayloadBytes + "); its payload was truncated");
        }
        if (closed) {
            StderrJson.line(wire);
            counters.failed();
            closedWarning.warn("UdpSender: a message was sent after close(); it was written to stderr");
            return;
        }
        boolean failed = false;
        boolean full = false;
        for (UdpDestination d : destinations) {
            InetSocketAddress to = d.address;
            if (to == null) {
                failed = true;
                continue;
            }
            try {
                wire.rewind();
                if (channel.send(wire, to) == 0) {
                    full = true;
                    fullWarning.warn("UdpSender: the socket's send buffer is full; datagrams are being dropped");
                }
            } catch (IOException | RuntimeException e) {
                failed = true;
                d.sendWarning.warn("UdpSender: sending to " + d + " failed (" + e + "); its messages go to stderr");
            }
        }
        if (failed) {
            wire.rewind();
            StderrJson.line(wire);
        }
        if (tooLarge) {
            counters.droppedTooLarge();
        } else if (failed) {
            counters.failed();
        } else if (full) {
            counters.droppedQueueFull();
        } else {
            counters.sent();
        }
    }

    /**
     * Encodes {@code message} with its payload cut so that the envelope fits, restoring the payload before
     * returning.
     *
     * @return a view of the encoded envelope, or null if even an empty payload does not fit
     */
    private ByteBuffer truncated(Message message) {
        String original = message.payload();
        String marker = TRUNCATION_MARKER + utf8Length(original) + " bytes]";
        try {
            message.setPayload(marker);
            int base = EnvelopeJson.encode(message).remaining();
            if (base > maxPayloadBytes) {
                return null;
            }
            String kept = prefixWithin(original, maxPayloadBytes - base);
            for (int attempt = 0; attempt < 8; attempt++) {
                message.setPayload(kept + marker);
                ByteBuffer out = EnvelopeJson.encode(message);
                int excess = out.remaining() - maxPayloadBytes;
                if (excess <= 0) {
                    return out;
                }
                kept = org.metlog.internal.Utf16.truncate(kept, kept.length() - Math.max(excess, 16));
            }
            message.setPayload(marker);
            return EnvelopeJson.encode(message);
        } finally {
            message.setPayload(original);
        }
    }

    /** Returns the longest prefix of {@code text} whose JSON-escaped UTF-8 form surely fits in {@code budget}. */
    static String prefixWithin(String text, int budget) {
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int cost;
            if (cp < 0x20) {
                cost = 6;
            } else if (cp == '"' || cp == '\\') {
                cost = 2;
            } else if (cp < 0x80) {
                cost = 1;
            } else if (cp < 0x800) {
                cost = 2;
            } else if (cp < 0x10000) {
                cost = 3;
            } else {
                cost = 4;
            }
            if (used + cost > budget) {
                break;
            }
            used += cost;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    /** @return the UTF-8 length of the text as the envelope encodes it (a lone surrogate becomes U+FFFD) */
    static int utf8Length(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return n;
    }

    /**
     * Waits until every host name has resolved. Returns at once for destinations that are all IP literals.
     *
     * @param max the longest time to wait
     * @return true if every destination has an address
     */
    @Override
    public boolean awaitConnection(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        if (resolver != null) {
            resolver.awaitFirstRound(max);
        }
        while (true) {
            boolean all = true;
            for (UdpDestination d : destinations) {
                all &= d.address != null;
            }
            if (all || closed || System.nanoTime() - deadline >= 0) {
                return all && !closed;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops the resolver thread and closes the socket. Later messages are written to stderr and counted as
     * {@code failed}. Returns within about a second even if a DNS lookup is in progress (the daemon thread then
     * ends when the lookup returns). Never throws.
     */
    @Override
    public void close() {
        closed = true;
        if (resolver != null) {
            resolver.close(Duration.ofSeconds(1));
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "UdpSender" + destinations;
    }

    /**
     * Builds a {@link UdpSender}. Not thread-safe.
     *
     * <p>Defaults: no hosts or ports (both required), initial resolve wait 2 s, resolve retry 5 s, resolve refresh
     * 60 s, largest datagram {@value UdpSender#MAX_PAYLOAD_BYTES} bytes.
     */
    public static final class Builder {
        private List<String> hosts = List.of();
        private List<Integer> ports = List.of();
        private Duration initialResolveWait = Duration.ofSeconds(2);
        private Duration resolveRetry = Duration.ofSeconds(5);
        private Duration resolveRefresh = Duration.ofSeconds(60);
        private int maxPayloadBytes = MAX_PAYLOAD_BYTES;

        private Builder() {
        }

        /**
         * Sets the hosts.
         *
         * @param hosts IP literals or host names, at least one; copied
         * @return this builder
         */
        public Builder hosts(List<String> hosts) {
            this.hosts = List.copyOf(hosts);
            return this;
        }

        /**
         * Sets the ports, zipped with the hosts (the last port repeated for extra hosts, extra ports ignored).
         *
         * @param ports 1 to 65535 each, at least one; copied
         * @return this builder
         */
        public Builder ports(List<Integer> ports) {
            this.ports = List.copyOf(ports);
            return this;
        }

        /**
         * Sets how long building waits for the first lookup of host names; after that, building returns and
         * unresolved destinations fail over to stderr until they resolve.
         *
         * @param wait the longest wait; zero to never wait (default 2 s)
         * @return this builder
         */
        public Builder initialResolveWait(Duration wait) {
            this.initialResolveWait = requireNonNegative(wait, "initialResolveWait");
            return this;
        }

        /**
         * Sets how often a host name that does not resolve is looked up again.
         *
         * @param retry the interval, positive (default 5 s)
         * @return this builder
         */
        public Builder resolveRetry(Duration retry) {
            this.resolveRetry = requirePositive(retry, "resolveRetry");
            return this;
        }

        /**
         * Sets how often a resolved host name is looked up again to follow DNS changes.
         *
         * @param refresh the interval, positive (default 60 s)
         * @return this builder
         */
        public Builder resolveRefresh(Duration refresh) {
            this.resolveRefresh = requirePositive(refresh, "resolveRefresh");
            return this;
        }

        /**
         * Lowers the largest datagram sent, for networks where fragmented datagrams get lost.
         *
         * @param bytes 512 to {@value UdpSender#MAX_PAYLOAD_BYTES} (the default)
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxPayloadBytes(int bytes) {
            if (bytes < 512 || bytes > MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("maxPayloadBytes " + bytes + " is out of range: expected 512 to "
                    + MAX_PAYLOAD_BYTES);
            }
            this.maxPayloadBytes = bytes;
            return this;
        }

        /**
         * Builds the sender, opening its socket and starting the resolver thread if a host is a name.
         *
         * @return the sender
         * @throws IllegalArgumentException if hosts or ports are missing or malformed
         * @throws UncheckedIOException if no UDP socket can be opened
         */
        public UdpSender build() {
            List<UdpDestination> parsed = new ArrayList<>();
            for (HostPort pair : zip(hosts, ports)) {
                parsed.add(UdpDestination.of(pair.host(), pair.port()));
            }
            return new UdpSender(this, parsed).start(initialResolveWait);
        }

        private static Duration requirePositive(Duration d, String name) {
            if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }

        private static Duration requireNonNegative(Duration d, String name) {
            if (Objects.requireNonNull(d, name).isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
