package org.metlog.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.metlog.MetlogClient;
import org.metlog.Timer;
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
 * The client's own cost on the caller's thread, with senders that deliver nothing (issue 6, benchmarks 1, 2 and
 * the first half of 6). Run with {@code -prof gc} for the allocation per call ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(2)
@State(Scope.Thread)
public class HotPathBenchmark {
    private final NullSenders.Encoding encoding = new NullSenders.Encoding();
    private final NullSenders.Discarding discarding = new NullSenders.Discarding();
    private MetlogClient client;
    private MetlogClient unserializedClient;
    private Timer disabledTimer;
    private Timer enabledTimer;
    private String user = "alice";

    @Setup(Level.Trial)
    public void setUp() {
        client = MetlogClient.builder().sender(encoding).logger("bench")
            .disabledTimers(List.of("bench.disabled")).build();
        unserializedClient = MetlogClient.builder().sender(discarding).logger("bench").build();
        disabledTimer = client.timer("bench.disabled");
        enabledTimer = client.timer("bench.enabled");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        unserializedClient.close();
        // the senders' sums live in fields, so the JIT cannot drop the work; print them as a visible check
        System.out.println();
        System.out.println("TOTALS encodedBytes=" + encoding.bytes + " unserializedMessages=" + discarding.seen / 7);
    }

    /** 1. A timer whose name is disabled: {@code start()} and close, the Timer held in a field. */
    @Benchmark
    public void timerDisabled() {
        disabledTimer.start().close();
    }

    /** 1. An enabled timer: start, close, one timer message serialized by the no-op sender. */
    @Benchmark
    public void timerEnabled() {
        enabledTimer.start().close();
    }

    /** 2. {@code incr} to a no-op sender that serializes: envelope, filters, serialization. */
    @Benchmark
    public void incr() {
        client.incr("bench.counter");
    }

    /** 2 (gauge). {@code client.gauge("bench.gauge", 42)} to the serializing no-op sender. */
    @Benchmark
    public void gauge() {
        client.gauge("bench.gauge", 42);
    }

    /** A decimal gauge, {@code client.gauge("bench.gauge", 2.5)}: its payload text is formatted per call. */
    @Benchmark
    public void gaugeDecimal() {
        client.gauge("bench.gauge", 2.5);
    }

    /** 2 (breakdown). {@code incr} to a sender that does not serialize: the envelope and the client only. */
    @Benchmark
    public void incrUnserialized() {
        unserializedClient.incr("bench.counter");
    }

    /** 6. A formatted log line to the serializing no-op sender. */
    @Benchmark
    public void infoFormatted() {
        client.info("request for %s handled", user);
    }
}
