package org.metlog.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.UdpSender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12, part 5: the caller's cost of {@code incr} through the synchronous {@link UdpSender} when the
 * destination is dead, beside the same call to a healthy one, in one run. The target is a failing call at most
 * twice a healthy one, with stderr getting a few lines a minute (the sender's default, throttled error handler).
 *
 * <ul>
 *   <li>{@code healthy}: a loopback receiver drained by another thread;</li>
 *   <li>{@code unresolvable}: a {@code .invalid} host name, which never resolves (looked up in the background
 *       with backoff; every message is counted as failed);</li>
 *   <li>{@code refusing}: a loopback port with nothing bound, so that the connected channel gets an ICMP
 *       port-unreachable (the destination is then paused for a second at a time).</li>
 * </ul>
 *
 * <p>Each trial prints an {@code ERRORPATH} line with the sender's counts: every call is counted once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(2)
@State(Scope.Thread)
public class ErrorPathBenchmark {
    /** Where the datagrams go. */
    @Param({"healthy", "unresolvable", "refusing"})
    public String destination;

    private LoopbackReceiver receiver;
    private UdpSender sender;
    private MetlogClient client;
    private long calls;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        switch (destination) {
            case "healthy" -> {
                receiver = LoopbackReceiver.forDatagrams();
                sender = UdpSender.to("127.0.0.1", receiver.port());
            }
            case "unresolvable" -> sender = UdpSender.to("metlog-bench.invalid", 5565);
            case "refusing" -> sender = UdpSender.to("127.0.0.1", closedPort());
            default -> throw new IllegalArgumentException("destination " + destination);
        }
        client = MetlogClient.builder().sender(sender).logger("bench").build();
    }

    /** {@return a loopback UDP port that was bound a moment ago and is closed now} */
    private static int closedPort() throws IOException {
        try (DatagramChannel c = DatagramChannel.open()) {
            c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) c.getLocalAddress()).getPort();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        DeliveryStats stats = sender.stats();
        long received = 0;
        if (receiver != null) {
            receiver.awaitQuiet(200, 5000);
            received = receiver.datagrams();
            receiver.close();
        }
        System.out.println();
        System.out.println("ERRORPATH destination=" + destination + " calls=" + calls + " received=" + received
            + " stats: " + stats + " counted=" + (stats.total() == calls));
    }

    /** {@code incr} through the client and the synchronous UdpSender. */
    @Benchmark
    public void incr() {
        client.incr("bench.counter");
        calls++;
    }
}
