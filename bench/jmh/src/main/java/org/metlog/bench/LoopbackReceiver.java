package org.metlog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP socket on 127.0.0.1 (port chosen by the OS) drained by its own daemon thread as fast as datagrams arrive.
 * It counts datagrams and, for statsd text, the messages of one counter and the sum of their values (a client that
 * aggregates sends one line {@code name:N|c} for N increments).
 */
final class LoopbackReceiver implements AutoCloseable {
    /** The receive buffer asked for: 4 MiB (Linux caps it at net.core.rmem_max). */
    static final int RECEIVE_BUFFER = 4 << 20;

    private final DatagramChannel channel;
    private final Thread thread;
    private final byte[] counterPrefix;
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong statsdLines = new AtomicLong();
    private final AtomicLong statsdSum = new AtomicLong();

    private LoopbackReceiver(String statsdCounter) {
        this.counterPrefix = statsdCounter == null ? null : (statsdCounter + ":").getBytes(StandardCharsets.US_ASCII);
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::drain, "bench-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return a receiver that counts datagrams (one metlog message each) */
    static LoopbackReceiver forDatagrams() {
        return new LoopbackReceiver(null);
    }

    /**
     * @param counter the statsd counter name to add up
     * @return a receiver that also parses statsd lines {@code counter:N|c...}
     */
    static LoopbackReceiver forStatsd(String counter) {
        return new LoopbackReceiver(counter);
    }

    int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the receive buffer the kernel granted, in bytes */
    int receiveBuffer() {
        try {
            return channel.getOption(StandardSocketOptions.SO_RCVBUF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long datagrams() {
        return datagrams.get();
    }

    /** @return statsd lines of the counter received */
    long statsdLines() {
        return statsdLines.get();
    }

    /** @return the sum of the counter's values received: the increments delivered */
    long statsdSum() {
        return statsdSum.get();
    }

    private void drain() {
        ByteBuffer buffer = ByteBuffer.allocate(70_000);
        while (true) {
            try {
                buffer.clear();
                channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return; // closed, or interrupted
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                continue;
            }
            buffer.flip();
            if (counterPrefix != null) {
                parseStatsd(buffer.array(), buffer.limit());
            }
            datagrams.lazySet(datagrams.get() + 1); // one writer: this thread
        }
    }

    private void parseStatsd(byte[] data, int length) {
        int lineStart = 0;
        long lines = 0;
        long sum = 0;
        while (lineStart < length) {
            int lineEnd = lineStart;
            while (lineEnd < length && data[lineEnd] != '\n') {
                lineEnd++;
            }
            if (startsWith(data, lineStart, lineEnd, counterPrefix)) {
                long value = 0;
                for (int i = lineStart + counterPrefix.length; i < lineEnd && data[i] >= '0' && data[i] <= '9'; i++) {
                    value = value * 10 + (data[i] - '0');
                }
                lines++;
                sum += value;
            }
            lineStart = lineEnd + 1;
        }
        if (lines > 0) {
            statsdLines.lazySet(statsdLines.get() + lines);
            statsdSum.lazySet(statsdSum.get() + sum);
        }
    }

    private static boolean startsWith(byte[] data, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until nothing has arrived for {@code quietMillis} (or {@code maxMillis} passed): what was sent has
     * then been received or lost.
     */
    void awaitQuiet(long quietMillis, long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        long last = datagrams();
        long lastChange = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            sleep(20);
            long now = datagrams();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange >= quietMillis * 1_000_000L) {
                return;
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            thread.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
