package org.metlog.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A loopback UDP receiver bound to a port chosen by the OS, with bounded waits: the one datagram receiver of the
 * test suite. Not thread-safe: one test thread reads it.
 */
public final class UdpReceiver implements AutoCloseable {
    /** How long {@link #receive()} waits for a datagram before failing the test. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);
    /** How long {@link #receiveAll(int)} waits for datagrams beyond those expected. */
    private static final Duration GRACE = Duration.ofMillis(100);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(70_000);

    private UdpReceiver(ProtocolFamily family, String host) throws IOException {
        this(family, host, 0);
    }

    private UdpReceiver(ProtocolFamily family, String host, int port) throws IOException {
        channel = DatagramChannel.open(family);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        channel.bind(new InetSocketAddress(host, port));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    /** @return a receiver on 127.0.0.1 */
    public static UdpReceiver ipv4() {
        try {
            return new UdpReceiver(StandardProtocolFamily.INET, "127.0.0.1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a receiver on this IPv4 address and port, or null if it cannot be bound there */
    public static UdpReceiver ipv4OrNull(String host, int port) {
        try {
            return new UdpReceiver(StandardProtocolFamily.INET, host, port);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** @return a receiver on ::1, or null if this machine has no IPv6 loopback */
    public static UdpReceiver ipv6OrNull() {
        try {
            return new UdpReceiver(StandardProtocolFamily.INET6, "::1");
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** @return the port this receiver is bound to */
    public int port() {
        return ((InetSocketAddress) localAddress()).getPort();
    }

    private java.net.SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next datagram, or null if none arrives within {@code max} */
    public byte[] receive(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (true) {
                buffer.clear();
                if (channel.receive(buffer) != null) {
                    buffer.flip();
                    return Arrays.copyOf(buffer.array(), buffer.limit());
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return null;
                }
                selector.select(left);
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next datagram; fails the test if none arrives within {@link #DEADLINE} */
    public byte[] receive() {
        byte[] bytes = receive(DEADLINE);
        if (bytes == null) {
            throw new AssertionError("no datagram arrived within " + DEADLINE);
        }
        return bytes;
    }

    /**
     * Waits, for at most {@link #DEADLINE}, until {@code expected} datagrams have arrived, then takes any that
     * arrive within a short grace period after them (so a test also sees one too many).
     *
     * @param expected how many datagrams the test expects
     * @return the datagrams received, oldest first; fewer than expected if the deadline passed
     */
    public List<byte[]> receiveAll(int expected) {
        List<byte[]> out = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (out.size() < expected) {
            long left = deadline - System.nanoTime();
            byte[] next = left > 0 ? receive(Duration.ofNanos(left)) : null;
            if (next == null) {
                return out;
            }
            out.add(next);
        }
        for (byte[] extra = receive(GRACE); extra != null; extra = receive(GRACE)) {
            out.add(extra);
        }
        return out;
    }

    /** @return the next datagram decoded as JSON, or null */
    public Map<String, Object> receiveJson(Duration max) {
        byte[] bytes = receive(max);
        return bytes == null ? null : json(bytes);
    }

    /** @return the datagram decoded as a JSON object */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(byte[] bytes) {
        try {
            return JSON.readValue(new String(bytes, StandardCharsets.UTF_8), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            // test cleanup
        }
    }
}
