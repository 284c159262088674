package org.metlog.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP receiver for {@code metlog mb} runs:
 * {@code java -cp benchmarks.jar org.metlog.bench.UdpSink PORT [SECONDS]}. One thread receives on 127.0.0.1:PORT
 * (0: a port the OS chooses; the first line names it), blocking, and counts datagrams; each time a burst ends
 * (nothing for one second) the main thread prints one line {@code burst: N datagrams in S s (R/s)}. It exits
 * after SECONDS (default 600) or when killed.
 */
public final class UdpSink {
    private UdpSink() {
    }

    /**
     * @param args PORT and optionally the lifetime in seconds
     * @throws IOException if the port cannot be bound
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        long lifetimeNanos = (long) ((args.length > 1 ? Double.parseDouble(args[1]) : 600) * 1e9);
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, LoopbackReceiver.RECEIVE_BUFFER);
        channel.bind(new InetSocketAddress("127.0.0.1", port));
        port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        System.out.println("listening on 127.0.0.1:" + port + " (receive buffer "
            + channel.getOption(StandardSocketOptions.SO_RCVBUF) + " bytes)");
        AtomicLong count = new AtomicLong();
        AtomicLong lastNanos = new AtomicLong();
        Thread receiver = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(70_000);
            try {
                while (true) {
                    buffer.clear();
                    channel.receive(buffer);
                    lastNanos.lazySet(System.nanoTime());
                    count.lazySet(count.get() + 1);
                }
            } catch (IOException e) {
                // closed
            }
        }, "udp-sink");
        receiver.setDaemon(true);
        receiver.start();
        long end = System.nanoTime() + lifetimeNanos;
        long reported = 0;
        long burstStart = 0;
        while (System.nanoTime() - end < 0) {
            Thread.sleep(10);
            long now = count.get();
            if (now > reported && burstStart == 0) {
                burstStart = System.nanoTime(); // within 10 ms of the first datagram
            }
            if (now > reported && System.nanoTime() - lastNanos.get() > 1_000_000_000L) {
                long n = now - reported;
                double seconds = Math.max(1e-9, (lastNanos.get() - burstStart) / 1e9);
                System.out.println(String.format(Locale.ROOT, "burst: %d datagrams in %.3f s (%.0f/s)", n, seconds,
                    n / seconds));
                reported = now;
                burstStart = 0;
            }
        }
        channel.close();
    }
}
