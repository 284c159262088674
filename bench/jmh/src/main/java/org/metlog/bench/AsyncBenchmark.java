package org.metlog.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.metlog.message.DeliveryStats;
import org.metlog.MetlogClient;
import org.metlog.senders.AsyncSender;
import org.metlog.senders.UdpSender;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 6, benchmark 4: {@code incr} through asynchronous delivery, an {@link AsyncSender} (default queue of 8192
 * messages) wrapping a {@link UdpSender} to a loopback socket drained by another thread.
 *
 * <p>Parameters: {@code overflow} is the queue's policy when full ({@code drop}, the default, or {@code wait}, up
 * to the default 100 ms); {@code pauseTokens} is the work the benchmark thread does between two calls
 * ({@code Blackhole.consumeCPU}; 0 = the caller does nothing but call, far more than any channel carries;
 * 2500 = about 4.4 us, at 1.75 ns a token on the machine of docs/benchmarks.md: an offered load below what the
 * channel carries).
 *
 * <p>Primary figure: calls per second on the benchmark thread (its inverse is the caller's cost). Auxiliary, per
 * second during the iteration: {@code received} (datagrams at the receiver) and {@code droppedQueueFull} (calls
 * the full queue refused, counted). At the end of the trial the client is closed (which delivers what is queued)
 * and the counts must add up exactly: calls = the AsyncSender's sent + dropped + failed, and its sent = what the
 * UdpSender counted. If they do not, the trial fails with an exception.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(2)
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class AsyncBenchmark {
    /** Datagrams received during the iteration; JMH reports it per second. */
    public long received;
    /** Calls dropped because the queue was full during the iteration; JMH reports it per second. */
    public long droppedQueueFull;

    @Param({"drop", "wait"})
    private String overflow;

    @Param({"0", "2500"})
    private long pauseTokens;

    private LoopbackReceiver receiver;
    private MetlogClient client;
    private AsyncSender async;
    private UdpSender udp;
    private long calls;
    private long startReceived;
    private long startDropped;
    private long kernelDropsAtStart;

    @Setup(Level.Trial)
    public void setUp() {
        receiver = LoopbackReceiver.forDatagrams();
        udp = UdpSender.to("127.0.0.1", receiver.port());
        async = AsyncSender.builder(udp).overflow(AsyncSender.Overflow.valueOf(overflow.toUpperCase(Locale.ROOT)))
            .build();
        client = MetlogClient.builder().sender(async).logger("bench").build();
        kernelDropsAtStart = KernelUdp.rcvbufErrors();
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        startReceived = receiver.datagrams();
        startDropped = async.droppedFull();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        received = receiver.datagrams() - startReceived;
        droppedQueueFull = async.droppedFull() - startDropped;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long closeStart = System.nanoTime();
        client.close();
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
        receiver.awaitQuiet(200, 5000);
        DeliveryStats a = async.stats();
        DeliveryStats u = udp.stats();
        long kernelDrops = KernelUdp.rcvbufErrors() - kernelDropsAtStart;
        long got = receiver.datagrams();
        receiver.close();
        System.out.println();
        System.out.println("TOTALS overflow=" + overflow + " pauseTokens=" + pauseTokens + " calls=" + calls
            + " asyncSender.stats: " + a + " udpSender.stats: " + u + " received=" + got + " kernelRcvbufDrops="
            + kernelDrops + " closeMillis=" + closeMillis
            + " client.deliveryStats: " + client.deliveryStats());
        boolean accountedAsync = calls == a.sent() + a.droppedQueueFull() + a.failed() && a.filtered() == 0;
        boolean accountedUdp = a.sent() == u.total();
        System.out.println("ACCOUNTING calls(" + calls + ") = async sent(" + a.sent() + ") + dropped("
            + a.dropped() + ") + failed(" + a.failed() + "): " + accountedAsync + "; async sent = udp total("
            + u.total() + "): " + accountedUdp + "; received(" + got + ") = udp sent(" + u.sent() + "): "
            + (got == u.sent()) + (got == u.sent() ? "" : " (kernel receive-buffer drops: " + kernelDrops + ")")
            + "; delivered fraction " + String.format("%.4f", (double) got / calls));
        if (!accountedAsync || !accountedUdp) {
            throw new IllegalStateException("ACCOUNTING FAILED: messages were lost without being counted");
        }
    }

    /** {@code incr} through the AsyncSender: the caller only queues (or drops and counts). */
    @Benchmark
    public void asyncIncr() {
        if (pauseTokens > 0) {
            Blackhole.consumeCPU(pauseTokens);
        }
        client.incr("bench.counter");
        calls++;
    }
}
