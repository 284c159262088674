package org.metlog.senders;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.metlog.message.EncodedEnvelope;
import org.metlog.message.Message;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Options;

/**
 * Sends each message as one UDP datagram of compact JSON to every destination (metlog-py's
 * {@code metlog.senders.udp.UdpSender}).
 *
 * <p><b>Destinations.</b> {@code host} and {@code port} are each one value or a list, zipped into host/port
 * pairs: extra hosts reuse the last port, extra ports are ignored. Hosts may be IPv4 or IPv6 literals (IPv6 with
 * or without brackets) or host names. Every message goes to every destination.
 *
 * <p><b>Never blocks, never throws.</b> The socket is one non-blocking {@link java.nio.channels.DatagramChannel}
 * shared by all threads, connected to the destination when there is only one: when its send buffer is full the
 * datagram is dropped for that destination and counted ({@code droppedQueueFull}) instead of blocking the caller.
 * Host names are resolved on a background daemon thread ({@value UdpTransport#RESOLVER_THREAD}), never on the sending
 * thread and never while building: a name that does not resolve does not stop the application, and building never
 * waits for it (call {@link #awaitConnection(Duration)} to wait). Messages for a destination that is not resolved
 * (yet) are counted as {@code failed}; the name is looked up again after {@link Builder#resolveRetry(Duration)}
 * (5 s), then after twice as long each time, until it resolves. Resolved names are looked up again every
 * {@link Builder#resolveRefresh(Duration)} (60 s). A send that fails with an I/O error (no route, an ICMP
 * port-unreachable) counts the message as {@code failed} and pauses that destination for one second: its messages
 * meanwhile are counted as {@code failed} without being tried.
 * Every such error goes to the sender's {@link ErrorHandler} (see {@link Builder#errorHandler(ErrorHandler)}), and
 * only there: by default throttled stderr lines, the first of each kind at once and then one summary line every
 * 30 s, so that a dead destination neither floods stderr nor slows the caller.
 *
 * <p><b>Too large.</b> A UDP datagram carries at most {@value #MAX_PAYLOAD_BYTES} bytes over IPv4; the same
 * limit is used for IPv6 (whose limit, 65,527, is only slightly larger), so that a message is the same datagram
 * to every destination. A larger envelope is never dropped silently: its payload is cut so that the envelope fits,
 * and ends with {@value #TRUNCATION_MARKER}<i>N</i>{@code  bytes]}; the result is still valid JSON with every
 * other key intact. If even an empty payload does not fit (huge fields), the message is dropped. Either way the
 * message is counted as {@code droppedTooLarge} and reported to the error handler.
 *
 * <p><b>Counting.</b> Each message is counted once: {@code failed} if it could not be serialized (a field's
 * {@code toString()} threw), else {@code droppedTooLarge} if it was too large, else {@code failed} if any
 * destination could not be sent to, else {@code droppedQueueFull} if any destination's
 * datagram was dropped for a full buffer, else {@code sent}.
 *
 * <p>Thread-safe. Configuration options: {@code host}, {@code port} (positional in that order).
 */
public final class UdpSender extends UdpTransportSender {
    /** The largest UDP payload over IPv4 (65,535 minus the IP and UDP headers), used for every destination. */
    public static final int MAX_PAYLOAD_BYTES = UdpTransport.MAX_DATAGRAM;
    /** How a truncated payload ends, followed by the original payload's size in UTF-8 bytes and {@code " bytes]"}. */
    public static final String TRUNCATION_MARKER = "... [truncated by metlog: the payload had ";

    private final List<UdpDestination> destinations;

    private UdpSender(List<UdpDestination> destinations, int maxPayloadBytes, TransportSettings settings) {
        super(new UdpTransport("UdpSender", destinations, maxPayloadBytes, EnvelopeTruncation.INSTANCE, settings));
        this.destinations = List.copyOf(destinations);
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

    /** {@return a builder; {@link Builder#hosts(List)} and {@link Builder#ports(List)} must be set} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the sender from configuration options {@code host} (a string or a list of strings) and {@code port}
     * (a port or a list of ports), which may also be given as positional args in that order.
     *
     * Host names are resolved in the background: a name that does not resolve is not an error here. Delivery
     * errors go to {@link Options#errorHandler()}.
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
        return new UdpSender(parsed, MAX_PAYLOAD_BYTES, new TransportSettings().errorHandler(options.errorHandler()));
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
     * the class documentation for what happens when it cannot deliver. A message that cannot be serialized (a
     * field's {@code toString()} throws) is counted as failed and reported to the error handler.
     *
     * @param message the message
     */
    @Override
    public void send(Message message) {
        EncodedEnvelope json;
        try {
            json = message.encode();
        } catch (Throwable error) {
            notEncoded(message, error);
            return;
        }
        try (json) {
            transport.send(message, json.bytes()).count(counters, 1);
        }
    }

    /** Reports what the error handler has held back (a summary of suppressed errors). Never throws. */
    @Override
    public void flush() {
        transport.flush();
    }

    /**
     * Stops the resolver thread and closes the socket. Later messages are counted as {@code failed} and reported. Returns within about a second even if a DNS lookup is in progress (the daemon thread then
     * ends when the lookup returns). Never throws.
     */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * Builds a {@link UdpSender}. Not thread-safe.
     *
     * <p>Defaults: no hosts or ports (both required), first resolve retry after 5 s, resolve refresh every 60 s,
     * largest datagram {@value UdpSender#MAX_PAYLOAD_BYTES} bytes, errors to a new
     * {@link org.metlog.spi.ErrorHandlers#stderr()}.
     */
    public static final class Builder {
        private List<String> hosts = List.of();
        private List<Integer> ports = List.of();
        private int maxPayloadBytes = MAX_PAYLOAD_BYTES;
        private final TransportSettings settings = new TransportSettings();

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
         * Sets how long after a failed lookup a host name is looked up again; each further failure doubles the
         * wait, up to the refresh interval.
         *
         * @param retry the first wait, positive (default 5 s)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder resolveRetry(Duration retry) {
            settings.retry(retry);
            return this;
        }

        /**
         * Sets how often a resolved host name is looked up again to follow DNS changes.
         *
         * @param refresh the interval, positive (default 60 s)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder resolveRefresh(Duration refresh) {
            settings.refresh(refresh);
            return this;
        }

        /**
         * Sets where delivery errors (unresolved hosts, failed sends, truncated messages) are reported.
         *
         * @param handler the handler, not null (default: a new {@link org.metlog.spi.ErrorHandlers#stderr()})
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            settings.errorHandler(handler);
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

        /** {@return the transport settings, for tests to inject a lookup and a clock} */
        TransportSettings transport() {
            return settings;
        }

        /**
         * Builds the sender, opening its socket and starting the resolver thread if a host is a name. Never waits
         * for DNS, and a name that does not resolve is not an error.
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
            return new UdpSender(parsed, maxPayloadBytes, settings);
        }
    }
}
