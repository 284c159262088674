package org.metlog.bench;

import java.util.concurrent.TimeUnit;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.StatsdSender;
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
 * {@code incr}, {@code timerSend} and {@code gauge} through {@link MetlogClient} and {@link StatsdSender} (its
 * defaults but {@code aggregation}) to a loopback receiver that adds up the {@code bench.counter:N|c} values: the
 * caller's cost and, with {@code -prof gc}, its allocation per call. The counterpart of
 * {@link DogStatsdBenchmark}'s blocking mode, same counter line; {@code pauseTokens} is the work the benchmark thread
 * does between calls, as there (0: a tight loop; 2500: a load the socket can carry). At the end of the trial the
 * sender is closed and the delivered fraction of the increments, and the sender's counts, are printed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(2)
@State(Scope.Thread)
public class StatsdSenderBenchmark {
    @Param({"true", "false"})
    private boolean aggregation;

    @Param({"0", "2500"})
    private long pauseTokens;

    private LoopbackReceiver receiver;
    private StatsdSender sender;
    private MetlogClient client;
    private long increments;

    @Setup(Level.Trial)
    public void setUp() {
        receiver = LoopbackReceiver.forStatsd("bench.counter");
        sender = StatsdSender.builder().host("127.0.0.1").port(receiver.port()).aggregation(aggregation).build();
        client = MetlogClient.builder().sender(sender).logger("bench").build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        receiver.awaitQuiet(500, 10_000);
        DeliveryStats stats = sender.stats();
        System.out.println();
        System.out.println("DELIVERED aggregation=" + aggregation + " pauseTokens=" + pauseTokens + ": " + receiver.statsdSum() + " of " + increments
            + " increments = " + String.format("%.4f", increments == 0 ? 1.0 : (double) receiver.statsdSum()
            / increments) + "; sender " + stats);
        receiver.close();
    }

    /** The counter increment of {@link DogStatsdBenchmark}: {@code bench.counter:1|c}. */
    @Benchmark
    public void incr() {
        if (pauseTokens > 0) {
            Blackhole.consumeCPU(pauseTokens);
        }
        client.incr("bench.counter");
        increments++;
    }

    /** A measured duration: one {@code bench.timer:12|ms} sample. */
    @Benchmark
    public void timerSend() {
        if (pauseTokens > 0) {
            Blackhole.consumeCPU(pauseTokens);
        }
        client.timerSend("bench.timer", 12);
    }

    /** A whole-number gauge. */
    @Benchmark
    public void gauge() {
        if (pauseTokens > 0) {
            Blackhole.consumeCPU(pauseTokens);
        }
        client.gauge("bench.gauge", 42);
    }
}
