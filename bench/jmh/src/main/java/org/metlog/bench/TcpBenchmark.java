package org.metlog.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.TcpSender;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 16: {@code incr} through {@link TcpSender} (defaults: a buffer of 8192 messages) to a loopback reader that
 * counts newline-terminated lines on its own thread.
 *
 * <p>Primary figure: calls per second (the caller's cost is its inverse). Auxiliary, per second during the
 * iteration: {@code received} (lines the reader got) and {@code droppedQueueFull} (calls refused by a full
 * buffer, counted). At the end of the trial every call must be counted by the sender (sent or dropped) and the
 * reader must have received exactly what was counted as sent, else the trial fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(2)
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class TcpBenchmark {
    /** Lines the reader received during the iteration; JMH reports it per second. */
    public long received;
    /** Calls dropped by a full buffer during the iteration; JMH reports it per second. */
    public long droppedQueueFull;

    private Reader reader;
    private TcpSender sender;
    private MetlogClient client;
    private long calls;
    private long startReceived;
    private long startDropped;

    /** Accepts one connection on a loopback port and counts the newlines it reads, until the end of the stream. */
    private static final class Reader implements AutoCloseable {
        final AtomicLong lines = new AtomicLong();
        final ServerSocket server;
        final Thread thread;
        volatile boolean ended;

        Reader() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(this::run, "bench-tcp-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            byte[] buffer = new byte[1 << 16];
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    long count = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            count++;
                        }
                    }
                    lines.lazySet(lines.get() + count);
                }
            } catch (IOException e) {
                // the trial's accounting reports what arrived
            } finally {
                ended = true;
            }
        }

        @Override
        public void close() throws Exception {
            thread.join(10_000);
            server.close();
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        reader = new Reader();
        sender = TcpSender.builder().host("127.0.0.1", reader.server.getLocalPort())
            .closeTimeout(Duration.ofSeconds(30)).build();
        if (!sender.awaitConnection(Duration.ofSeconds(20))) {
            throw new IllegalStateException("the sender did not connect within 20 s");
        }
        client = MetlogClient.builder().sender(sender).logger("bench").build();
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        startReceived = reader.lines.get();
        startDropped = sender.stats().droppedQueueFull();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        received = reader.lines.get() - startReceived;
        droppedQueueFull = sender.stats().droppedQueueFull() - startDropped;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        client.close(); // drains the buffer and closes the connection: the reader then reads to the end
        for (int i = 0; i < 300 && !reader.ended; i++) {
            Thread.sleep(100);
        }
        DeliveryStats s = sender.stats();
        long got = reader.lines.get();
        reader.close();
        System.out.println();
        System.out.println("TOTALS calls=" + calls + " tcpSender.stats: " + s + " received=" + got);
        boolean accounted = calls == s.total();
        System.out.println("ACCOUNTING calls(" + calls + ") = sent(" + s.sent() + ") + dropped(" + s.dropped()
            + ") + failed(" + s.failed() + "): " + accounted + "; received(" + got + ") = sent: " + (got == s.sent())
            + "; delivered fraction " + String.format("%.4f", (double) got / calls));
        if (!accounted || got != s.sent()) {
            throw new IllegalStateException("ACCOUNTING FAILED: calls, counts and what arrived do not add up");
        }
    }

    @Benchmark
    public void tcpIncr() {
        client.incr("bench.counter");
        calls++;
    }
}
