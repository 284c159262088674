package org.metlog.bench;

import com.timgroup.statsd.NonBlockingStatsDClient;
import java.util.concurrent.TimeUnit;
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
 * Issue 6, benchmark 5: the same counter increment through DataDog's java-dogstatsd-client 4.4.3, built by
 * {@link DogStatsdClients} with its defaults (queue of 4096, client-side aggregation, telemetry)
 * except for the mode: {@code nonblocking} (the default: a full queue drops the metric), {@code blocking}
 * ({@code blocking(true)}: the caller waits for room) or {@code nonblocking-noaggregation}
 * ({@code enableAggregation(false)}: every increment is a line of its own, as every metlog call is a message of
 * its own). {@code pauseTokens} is the work the benchmark thread does between calls, as in
 * {@link AsyncBenchmark}.
 *
 * <p>Primary figure: calls per second on the benchmark thread. Auxiliary, per second during the iteration:
 * {@code received}, the increments that reached the loopback receiver (the sum of the {@code bench.counter:N|c}
 * values, since the client aggregates and packs lines). At the end of the trial the client is closed and the
 * delivered fraction (increments received / calls) over the whole trial is printed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(2)
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class DogStatsdBenchmark {
    /** Increments received during the iteration; JMH reports it per second. */
    public long received;

    @Param({"nonblocking", "blocking", "nonblocking-noaggregation"})
    private String mode;

    @Param({"0", "2500"})
    private long pauseTokens;

    private LoopbackReceiver receiver;
    private NonBlockingStatsDClient statsd;
    private long calls;
    private long startReceived;
    private long kernelDropsAtStart;

    @Setup(Level.Trial)
    public void setUp() {
        receiver = LoopbackReceiver.forStatsd("bench.counter");
        DogStatsdClients.Mode clientMode;
        if (mode.equals("blocking")) {
            clientMode = DogStatsdClients.Mode.BLOCKING;
        } else if (mode.equals("nonblocking-noaggregation")) {
            clientMode = DogStatsdClients.Mode.NO_AGGREGATION;
        } else if (mode.equals("nonblocking")) {
            clientMode = DogStatsdClients.Mode.DEFAULT;
        } else {
            throw new IllegalArgumentException("mode " + mode);
        }
        statsd = DogStatsdClients.build(clientMode, receiver.port());
        kernelDropsAtStart = KernelUdp.rcvbufErrors();
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        startReceived = receiver.statsdSum();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        received = receiver.statsdSum() - startReceived;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long closeStart = System.nanoTime();
        statsd.close();
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
        receiver.awaitQuiet(500, 10_000);
        long kernelDrops = KernelUdp.rcvbufErrors() - kernelDropsAtStart;
        System.out.println();
        System.out.println("TOTALS mode=" + mode + " pauseTokens=" + pauseTokens + " calls=" + calls
            + " receivedIncrements=" + receiver.statsdSum() + " receivedLines=" + receiver.statsdLines()
            + " receivedDatagrams=" + receiver.datagrams()
            + " kernelRcvbufDrops=" + kernelDrops + " closeMillis=" + closeMillis);
        System.out.println("DELIVERED " + mode + " pauseTokens=" + pauseTokens + ": " + receiver.statsdSum() + " of "
            + calls + " increments = " + String.format("%.4f", (double) receiver.statsdSum() / calls)
            + " (nothing tells the application how many were dropped)");
        receiver.close();
    }

    @Benchmark
    public void dogstatsdIncrement() {
        if (pauseTokens > 0) {
            Blackhole.consumeCPU(pauseTokens);
        }
        statsd.incrementCounter("bench.counter");
        calls++;
    }
}
