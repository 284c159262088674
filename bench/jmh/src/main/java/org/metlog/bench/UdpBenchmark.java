package org.metlog.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.metlog.message.DeliveryStats;
import org.metlog.MetlogClient;
import org.metlog.Timer;
import org.metlog.senders.UdpSender;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 6, benchmark 3: {@code incr} through the synchronous {@link UdpSender} to a loopback socket drained by
 * another thread, beside a raw {@link DatagramChannel#send} of the same bytes (the physical limit). Issue 12 adds
 * {@code udpSenderTimer} and {@code udpSenderGauge}, for the allocation per call of those messages ({@code -prof
 * gc}); their datagrams are a little longer than the raw benchmarks' bytes.
 *
 * <p>The primary figure is the calls per second on the benchmark thread (its inverse is the caller's time per
 * call); the auxiliary counter {@code received} is the datagrams the receiver got per second during the
 * iteration. The raw channel is set up as UdpSender's: non-blocking, unconnected,
 * {@code send(buffer, address)}; a datagram it refuses (full send buffer) is counted, not retried.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(2)
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class UdpBenchmark {
    /** Datagrams received during the iteration; JMH reports it per second. */
    public long received;

    /** About 250 ns of {@code Blackhole.consumeCPU} on the machine of docs/benchmarks.md (1.75 ns a token). */
    static final long CLIENT_WORK_TOKENS = 140;

    private LoopbackReceiver receiver;
    private MetlogClient client;
    private Timer timer;
    private UdpSender sender;
    private DatagramChannel raw;
    private InetSocketAddress to;
    private ByteBuffer bytes;
    private long calls;
    private long rawRefused;
    private long kernelDropsAtStart;
    private final IterationRates rates = new IterationRates();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        receiver = LoopbackReceiver.forDatagrams();
        to = new InetSocketAddress("127.0.0.1", receiver.port());
        sender = UdpSender.to("127.0.0.1", receiver.port());
        client = MetlogClient.builder().sender(sender).logger("bench").build();
        timer = client.timer("bench.timer");
        raw = DatagramChannel.open();
        raw.configureBlocking(false);
        bytes = ByteBuffer.wrap(incrEnvelope());
        kernelDropsAtStart = KernelUdp.rcvbufErrors();
    }

    /** @return the envelope {@code client.incr("bench.counter")} sends, as the client serializes it */
    static byte[] incrEnvelope() {
        byte[][] captured = new byte[1][];
        try (MetlogClient capture = MetlogClient.builder().logger("bench")
            .sender(message -> captured[0] = message.toJson().getBytes(StandardCharsets.UTF_8)).build()) {
            capture.incr("bench.counter");
        }
        return captured[0];
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        rates.start(receiver.datagrams());
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        received = rates.received(receiver.datagrams());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        client.close();
        raw.close();
        receiver.awaitQuiet(200, 5000);
        DeliveryStats stats = sender.stats();
        long kernelDrops = KernelUdp.rcvbufErrors() - kernelDropsAtStart;
        System.out.println();
        System.out.println("TOTALS calls=" + calls + " received=" + receiver.datagrams() + " udpSender.stats: "
            + stats + " rawRefused=" + rawRefused + " kernelRcvbufDrops=" + kernelDrops + " receiveBuffer="
            + receiver.receiveBuffer() + " datagramBytes=" + bytes.capacity());
        receiver.close();
    }

    /** {@code incr} through the client and the synchronous UdpSender. */
    @Benchmark
    public void udpSenderIncr() {
        client.incr("bench.counter");
        calls++;
    }

    /** Issue 12's allocation target: an enabled timer through the client and the synchronous UdpSender. */
    @Benchmark
    public void udpSenderTimer() {
        timer.start().close();
        calls++;
    }

    /** Issue 12's allocation target: a gauge through the client and the synchronous UdpSender. */
    @Benchmark
    public void udpSenderGauge() {
        client.gauge("bench.gauge", 42);
        calls++;
    }

    /**
     * A control: the raw send after about as much CPU work as the client spends per {@code incr} (its cost to a
     * no-op sender, about 250 ns: {@value #CLIENT_WORK_TOKENS} tokens of {@code Blackhole.consumeCPU}). If this
     * runs at the UdpSender's rate, what separates UdpSender from the raw channel is the client's CPU time per
     * message, whatever code spends it.
     */
    @Benchmark
    public void rawChannelSendAfterClientSizedWork() throws IOException {
        Blackhole.consumeCPU(CLIENT_WORK_TOKENS);
        bytes.rewind();
        if (raw.send(bytes, to) == 0) {
            rawRefused++;
        }
        calls++;
    }

    /** The same bytes straight through a DatagramChannel: the physical limit. */
    @Benchmark
    public void rawChannelSend() throws IOException {
        bytes.rewind();
        if (raw.send(bytes, to) == 0) {
            rawRefused++;
        }
        calls++;
    }
}
