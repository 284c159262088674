package org.metlog.senders;

import java.time.Duration;
import java.util.List;
import org.metlog.internal.HostLookup;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Sender;

/**
 * The package-private builder settings the fault matrix ({@code org.metlog.faults}) needs, and nothing else: the
 * UDP senders and the TCP sender with an injected host lookup, so that an unresolvable host is a lookup that fails
 * at once instead of a wait on the machine's resolver.
 */
public final class FaultHooks {
    private FaultHooks() {
    }

    /** {@return a UDP sender to {@code host:port} whose names are looked up by {@code lookup}} */
    public static UdpSender udp(String host, int port, HostLookup lookup, ErrorHandler errors) {
        UdpSender.Builder b = UdpSender.builder().hosts(List.of(host)).ports(List.of(port)).errorHandler(errors);
        b.transport().lookup(lookup);
        return b.build();
    }

    /** {@return a statsd sender to {@code host:port} whose names are looked up by {@code lookup}} */
    public static StatsdSender statsd(String host, int port, HostLookup lookup, ErrorHandler errors) {
        StatsdSender.Builder b = StatsdSender.builder().host(host).port(port).errorHandler(errors);
        b.transport().lookup(lookup);
        return b.build();
    }

    /** {@return a logd sender to {@code host:port}, logging to {@code path}, names looked up by {@code lookup}} */
    public static LogdSender logd(String host, int port, String path, HostLookup lookup, ErrorHandler errors) {
        LogdSender.Builder b = LogdSender.builder().host(host).port(port).path(path).errorHandler(errors);
        b.transport().lookup(lookup);
        return b.build();
    }

    /**
     * Returns a TCP sender to {@code 127.0.0.1:port} with a small queue and send buffer (so that a stalled server
     * fills them within a few hundred messages) and a write timeout longer than any stall of the matrix.
     *
     * @return the sender
     */
    public static TcpSender tcp(int port, int queueLength, Duration closeTimeout, ErrorHandler errors) {
        return TcpSender.builder().host("127.0.0.1", port).queueLength(queueLength).sendBufferBytes(8192)
            .writeTimeout(Duration.ofSeconds(30)).closeTimeout(closeTimeout).reconnectMin(Duration.ofMillis(20))
            .reconnectMax(Duration.ofMillis(200)).errorHandler(errors).build();
    }

    /** {@return the sender wrapped in an {@link AsyncSender} with a small queue that drops when full} */
    public static AsyncSender async(Sender delegate, int capacity, ErrorHandler errors) {
        return AsyncSender.builder(delegate).capacity(capacity).overflow(AsyncSender.Overflow.DROP)
            .closeTimeout(Duration.ofSeconds(10)).shutdownHook(false).errorHandler(errors).build();
    }
}
