package org.metlog.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.kafka.KafkaSender;
import org.metlog.senders.kafka.TestBroker;
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
 * Issue 16: {@code incr} through {@link KafkaSender} (its defaults: acks=all, idempotence, linger 5 ms, lz4) to a
 * real single-node KRaft broker on loopback that the benchmark starts in its own fork (metlog-kafka's test
 * broker), one topic of 3 partitions.
 *
 * <p>Primary figure: calls per second on the calling thread. Auxiliary, per second during the iteration:
 * {@code acknowledged} (records the broker acknowledged) and {@code dropped} (counted drops and failures). At the
 * end of the trial every call must be counted (after a bounded flush), else the trial fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(2)
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class KafkaBenchmark {
    /** Records acknowledged during the iteration; JMH reports it per second. */
    public long acknowledged;
    /** Messages dropped or failed (counted) during the iteration; JMH reports it per second. */
    public long dropped;

    private KafkaSender sender;
    private MetlogClient client;
    private long calls;
    private DeliveryStats start;

    @Setup(Level.Trial)
    public void setUp() {
        TestBroker broker = TestBroker.shared();
        sender = KafkaSender.builder(broker.bootstrapServers(), broker.newTopic(3))
            .flushTimeout(Duration.ofSeconds(60)).build();
        if (!sender.awaitConnection(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the broker did not answer within 30 s");
        }
        client = MetlogClient.builder().sender(sender).logger("bench").build();
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        start = sender.stats();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        DeliveryStats now = sender.stats();
        acknowledged = now.sent() - start.sent();
        dropped = now.dropped() + now.failed() - start.dropped() - start.failed();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.flush();
        DeliveryStats flushed = sender.stats();
        long inFlight = sender.inFlight();
        client.close();
        DeliveryStats s = sender.stats();
        System.out.println();
        System.out.println("AFTER FLUSH sent=" + flushed.sent() + " still in flight=" + inFlight);
        boolean accounted = calls == s.total();
        System.out.println("ACCOUNTING calls(" + calls + ") = sent(" + s.sent() + ") + dropped(" + s.dropped()
            + ") + failed(" + s.failed() + "): " + accounted);
        if (!accounted) {
            throw new IllegalStateException("ACCOUNTING FAILED: messages were lost without being counted");
        }
    }

    @Benchmark
    public void kafkaIncr() {
        client.incr("bench.counter");
        calls++;
    }
}
