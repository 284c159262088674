package org.metlog.bench;

import com.timgroup.statsd.NonBlockingStatsDClient;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.StatsdSender;
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
 * Issue 12, benchmark 6a: the same counter line {@code bench.counter:1|c} through metlog's {@link StatsdSender}
 * ({@code client.incr("bench.counter")}) and through java-dogstatsd-client 4.4.3
 * ({@code statsd.incrementCounter("bench.counter")}), in one run, to the same kind of {@link LoopbackReceiver}
 * that adds up the increments of the lines it receives (an aggregating client sends {@code bench.counter:N|c}).
 *
 * <p>{@code client}: {@code metlog-statsd-aggregating} (StatsdSender with client-side aggregation, its default
 * from issue 12 on), {@code metlog-statsd-noaggregation} (the opt-out: one line per {@code incr}),
 * {@code dogstatsd-default} (non-blocking, aggregating), {@code dogstatsd-blocking} ({@code blocking(true)}) and
 * {@code dogstatsd-noaggregation} ({@code enableAggregation(false)}). {@code pauseTokens}: the work the benchmark
 * thread does between two calls ({@code Blackhole.consumeCPU}): 0 = a tight loop, far more than a socket carries;
 * 2500 (about 4.4 us on the machine of docs/benchmarks.md) = a load the socket can carry.
 *
 * <p>Primary figure: calls per second on the benchmark thread (10^9 / it = the caller's ns per call); with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is the B/op. Auxiliary, per second during the iteration:
 * {@code deliveredIncrements} (the sum of the counter's values at the receiver) and, for metlog,
 * {@code countedDrops} (what {@code client.deliveryStats()} counts as not delivered). The aggregating clients
 * deliver in bursts (every flush interval), so the per-iteration rate is rough; the figures that count are the
 * delivered fraction over the whole trial and the calls and delivered increments per second over the trial's
 * wall-clock time (warm-up included, until {@code close()} returned), printed on a {@code DELIVERED} line (and
 * appended to the file named by {@value TrialFile#VARIABLE}, if set), with, for metlog, the check
 * accepted = delivered at the receiver + counted drops on an {@code ACCOUNTING} line (the trial fails if metlog's
 * own counts do not add up).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(2)
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class StatsdVsDogStatsdBenchmark {
    /** Increments the receiver added up during the iteration; JMH reports it per second. */
    public long deliveredIncrements;
    /** Calls metlog counted as not delivered during the iteration (0 for dogstatsd); JMH reports it per second. */
    public long countedDrops;

    @Param({"metlog-statsd-aggregating", "metlog-statsd-noaggregation", "dogstatsd-default", "dogstatsd-blocking",
        "dogstatsd-noaggregation"})
    private String client;

    @Param({"0", "2500"})
    private long pauseTokens;

    private LoopbackReceiver receiver;
    private MetlogClient metlog;
    private String metlogConfig = "";
    private NonBlockingStatsDClient dogstatsd;
    private Runnable incr;
    private long calls;
    private long startDelivered;
    private long startDrops;
    private long kernelDropsAtStart;
    private long trialStartNanos;

    @Setup(Level.Trial)
    public void setUp() {
        receiver = LoopbackReceiver.forStatsd("bench.counter");
        switch (client) {
            case "metlog-statsd-aggregating" -> metlog = metlogClient(metlogStatsd(receiver.port(), true));
            case "metlog-statsd-noaggregation" -> metlog = metlogClient(metlogStatsd(receiver.port(), false));
            case "dogstatsd-default" -> dogstatsd = DogStatsdClients.build(DogStatsdClients.Mode.DEFAULT,
                receiver.port());
            case "dogstatsd-blocking" -> dogstatsd = DogStatsdClients.build(DogStatsdClients.Mode.BLOCKING,
                receiver.port());
            case "dogstatsd-noaggregation" -> dogstatsd = DogStatsdClients.build(
                DogStatsdClients.Mode.NO_AGGREGATION, receiver.port());
            default -> throw new IllegalArgumentException("client " + client);
        }
        MetlogClient m = metlog;
        NonBlockingStatsDClient d = dogstatsd;
        incr = m != null ? () -> m.incr("bench.counter") : () -> d.incrementCounter("bench.counter");
        kernelDropsAtStart = KernelUdp.rcvbufErrors();
        trialStartNanos = System.nanoTime();
    }

    private static MetlogClient metlogClient(StatsdSender sender) {
        return MetlogClient.builder().sender(sender).logger("bench").build();
    }

    /** The StatsdSender to the receiver, with or without client-side aggregation. */
    private StatsdSender metlogStatsd(int port, boolean aggregation) {
        metlogConfig = " aggregation=" + aggregation;
        return StatsdSender.builder().host("127.0.0.1").port(port).aggregation(aggregation).build();
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        startDelivered = receiver.statsdSum();
        startDrops = metlog == null ? 0 : metlog.deliveryStats().dropped();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        deliveredIncrements = receiver.statsdSum() - startDelivered;
        countedDrops = metlog == null ? 0 : metlog.deliveryStats().dropped() - startDrops;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long closeStart = System.nanoTime();
        if (metlog != null) {
            metlog.close();
        } else {
            dogstatsd.close();
        }
        long closeEnd = System.nanoTime();
        long closeMillis = (closeEnd - closeStart) / 1_000_000;
        receiver.awaitQuiet(500, 10_000);
        long delivered = receiver.statsdSum();
        double trialSeconds = (closeEnd - trialStartNanos) / 1e9;
        String rates = String.format(Locale.ROOT, "trialSeconds=%.1f callsPerSecond=%.0f deliveredPerSecond=%.0f",
            trialSeconds, calls / trialSeconds, delivered / trialSeconds);
        long kernelDrops = KernelUdp.rcvbufErrors() - kernelDropsAtStart;
        String trial = "client=" + client + " pauseTokens=" + pauseTokens;
        String fraction = String.format(Locale.ROOT, "%.4f", (double) delivered / calls);
        System.out.println();
        System.out.println("TOTALS " + trial + metlogConfig + " calls=" + calls + " deliveredIncrements="
            + delivered + " receivedLines=" + receiver.statsdLines() + " receivedDatagrams=" + receiver.datagrams()
            + " kernelRcvbufDrops=" + kernelDrops + " closeMillis=" + closeMillis
            + (metlog == null ? "" : " client.deliveryStats: " + metlog.deliveryStats()));
        String accounting = metlog == null ? "accounting=n/a (nothing tells the application what was dropped)"
            : metlogAccounting(delivered, kernelDrops);
        System.out.println("DELIVERED " + trial + ": " + delivered + " of " + calls + " increments = " + fraction
            + "; over the whole trial (warm-up included, until close() returned) " + rates);
        System.out.println("ACCOUNTING " + trial + ": " + accounting);
        TrialFile.append("StatsdVsDogStatsdBenchmark\t" + client + "\t" + pauseTokens + "\tcalls=" + calls
            + "\tdelivered=" + delivered + "\tfraction=" + fraction + "\tcloseMillis=" + closeMillis + "\t"
            + rates.replace(' ', '\t') + "\t" + accounting);
        receiver.close();
        if (metlog != null && metlog.deliveryStats().total() != calls) {
            throw new IllegalStateException("ACCOUNTING FAILED: " + accounting);
        }
    }

    /** accepted (the calls) = delivered at the receiver + counted drops, and metlog's own counts add up. */
    private String metlogAccounting(long delivered, long kernelDrops) {
        DeliveryStats s = metlog.deliveryStats();
        boolean counted = s.total() == calls;
        boolean exact = calls == delivered + s.dropped();
        return "accepted(" + calls + ") = delivered(" + delivered + ") + countedDrops(" + s.dropped() + "): "
            + exact + "; deliveryStats.total(" + s.total() + ") = accepted: " + counted + "; deliveryStats.sent("
            + s.sent() + ") = delivered: " + (s.sent() == delivered)
            + (s.sent() == delivered ? "" : " (kernel receive-buffer drops: " + kernelDrops + ")");
    }

    /** One counter increment through the client chosen by {@code client}. */
    @Benchmark
    public void incrementCounter() {
        if (pauseTokens > 0) {
            Blackhole.consumeCPU(pauseTokens);
        }
        incr.run();
        calls++;
    }
}
