package org.metlog.senders;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

/** A UDP receiver on 127.0.0.1 bound to a free port, with bounded waits. */
final class Loopback implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private final DatagramChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(65_536);

    Loopback() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.configureBlocking(false);
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** @return the next datagram's bytes, or null if none arrives within {@code wait} */
    byte[] receive(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            buffer.clear();
            if (channel.receive(buffer) != null) {
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** @return the next datagram's bytes; fails if none arrives within the deadline */
    byte[] receive() throws IOException {
        byte[] bytes = receive(DEADLINE);
        if (bytes == null) {
            throw new AssertionError("no datagram arrived within " + DEADLINE);
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
