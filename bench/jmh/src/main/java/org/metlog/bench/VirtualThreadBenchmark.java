package org.metlog.bench;

import java.util.concurrent.TimeUnit;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.UdpSender;
import org.metlog.spi.Sender;
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
 * Issue 12, benchmark 6b: {@code client.incr("bench.counter")} on a fresh virtual thread per call, against the
 * same call on a platform thread. Needs JDK 21 or later and the benchmarks jar built with its Java 21 classes
 * ({@link FreshVirtualThread}); bench/run-issue12.sh runs it on JDK 25.
 *
 * <p>{@code sender}: {@code encoding} ({@link NullSenders.Encoding}, serializes every message and throws the bytes
 * away; one thread at a time uses it, each call's thread is joined before the next starts) or {@code udp} (a
 * {@link UdpSender} to a {@link LoopbackReceiver} on 127.0.0.1).
 *
 * <p>Benchmarks, in ns per call (and, with {@code -prof gc} on JDK 21+, where JMH counts the allocation of every
 * thread, dead ones included, B per call):
 * <ul>
 *   <li>{@code incrOnBenchmarkThread}: the call on a platform thread that has made it many times;</li>
 *   <li>{@code emptyOnFreshVirtualThread}: start a virtual thread with an empty task and join it, the baseline;</li>
 *   <li>{@code incrOnFreshVirtualThread}: the same with the call as the task; minus the baseline, the call's own
 *       cost and allocation on a fresh virtual thread (issue 12's targets: at most 512 B, and at most 2x
 *       {@code incrOnBenchmarkThread}'s time);</li>
 *   <li>{@code emptyOnFreshPlatformThread} and {@code incrOnFreshPlatformThread}: the same on a new platform
 *       thread per call, for reference;</li>
 *   <li>{@code timedIncrOnFreshVirtualThread} and {@code timedIncrOnBenchmarkThread}: the call timed from inside
 *       the thread that makes it ({@code System.nanoTime()} before and after), so that the figure is the call's
 *       own time without the start and join of the thread (a join that must park and be woken costs microseconds
 *       whatever the task does). The trial's mean is printed as an {@code INSIDE} line and written to the trials
 *       file: the 2x target compares these two.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(2)
@State(Scope.Thread)
public class VirtualThreadBenchmark {
    private static final Runnable EMPTY = () -> { };

    @Param({"encoding", "udp"})
    private String sender;

    private LoopbackReceiver receiver;
    private NullSenders.Encoding encoding;
    private UdpSender udp;
    private MetlogClient client;
    private Runnable incrTask;
    private Runnable timedIncrTask;
    private long calls;
    /** The calls timed from inside their thread, and their time; read after the thread was joined. */
    private long timedCalls;
    private long insideNanos;
    private String timedThread = "";

    @Setup(Level.Trial)
    public void setUp() {
        if (!FreshVirtualThread.supported()) {
            throw new IllegalStateException("VirtualThreadBenchmark: " + FreshVirtualThread.why());
        }
        Sender s;
        if (sender.equals("encoding")) {
            encoding = new NullSenders.Encoding();
            s = encoding;
        } else if (sender.equals("udp")) {
            receiver = LoopbackReceiver.forDatagrams();
            udp = UdpSender.to("127.0.0.1", receiver.port());
            s = udp;
        } else {
            throw new IllegalArgumentException("sender " + sender);
        }
        client = MetlogClient.builder().sender(s).logger("bench").build();
        MetlogClient c = client;
        incrTask = () -> c.incr("bench.counter");
        timedIncrTask = this::timedIncr;
    }

    private void timedIncr() {
        long start = System.nanoTime();
        client.incr("bench.counter");
        insideNanos += System.nanoTime() - start;
        timedCalls++;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        DeliveryStats stats = client.deliveryStats();
        System.out.println();
        if (timedCalls > 0) {
            String inside = "INSIDE sender=" + sender + " thread="
                + timedThread + " calls=" + timedCalls + " ns/call=" + insideNanos / timedCalls;
            System.out.println(inside);
            TrialFile.append(inside);
        }
        if (receiver != null) {
            receiver.awaitQuiet(200, 5000);
            System.out.println("TOTALS sender=udp calls=" + calls + " received=" + receiver.datagrams()
                + " udpSender.stats: " + udp.stats() + " client.deliveryStats: " + stats);
            receiver.close();
        } else {
            System.out.println("TOTALS sender=encoding calls=" + calls + " encodedBytes=" + encoding.bytes
                + " client.deliveryStats: " + stats);
        }
    }

    /** The call on the benchmark thread, a platform thread that has made it many times. */
    @Benchmark
    public void incrOnBenchmarkThread() {
        client.incr("bench.counter");
        calls++;
    }

    /** The baseline: a fresh virtual thread with an empty task, started and joined. */
    @Benchmark
    public void emptyOnFreshVirtualThread() throws InterruptedException {
        FreshVirtualThread.start(EMPTY).join();
    }

    /** The call as the task of a fresh virtual thread, started and joined. */
    @Benchmark
    public void incrOnFreshVirtualThread() throws InterruptedException {
        FreshVirtualThread.start(incrTask).join();
        calls++;
    }

    /** The call timed inside a fresh virtual thread (see the class comment). */
    @Benchmark
    public void timedIncrOnFreshVirtualThread() throws InterruptedException {
        timedThread = "fresh-virtual";
        FreshVirtualThread.start(timedIncrTask).join();
        calls++;
    }

    /** The call timed the same way on the benchmark thread. */
    @Benchmark
    public void timedIncrOnBenchmarkThread() {
        timedThread = "benchmark";
        timedIncr();
        calls++;
    }

    /** Reference: a fresh platform thread with an empty task, started and joined. */
    @Benchmark
    public void emptyOnFreshPlatformThread() throws InterruptedException {
        Thread t = new Thread(EMPTY);
        t.start();
        t.join();
    }

    /** Reference: the call as the task of a fresh platform thread, started and joined. */
    @Benchmark
    public void incrOnFreshPlatformThread() throws InterruptedException {
        Thread t = new Thread(incrTask);
        t.start();
        t.join();
        calls++;
    }
}
