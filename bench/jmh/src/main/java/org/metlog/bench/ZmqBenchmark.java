package org.metlog.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.metlog.message.DeliveryStats;
import org.metlog.MetlogClient;
import org.metlog.senders.zmq.ZmqPubSender;
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
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Issue 6, benchmark 6 (second half): {@code incr} through {@link ZmqPubSender} (defaults: high-water mark 1000
 * per socket) to a JeroMQ SUB socket on loopback TCP, drained by its own thread.
 *
 * <p>Primary figure: calls per second. Auxiliary, per second during the iteration: {@code received} (messages the
 * SUB socket got) and {@code droppedQueueFull} (calls refused at the high-water mark, counted). At the end of
 * the trial every call must be counted by the sender (sent or dropped), else the trial fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(2)
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ZmqBenchmark {
    /** Messages the subscriber received during the iteration; JMH reports it per second. */
    public long received;
    /** Calls dropped at the high-water mark during the iteration; JMH reports it per second. */
    public long droppedQueueFull;

    private Subscriber subscriber;
    private ZmqPubSender sender;
    private MetlogClient client;
    private long calls;
    private long startReceived;
    private long startDropped;

    /** A SUB socket bound to a random loopback port, received from by its own thread. */
    private static final class Subscriber implements AutoCloseable {
        final AtomicLong count = new AtomicLong();
        final CountDownLatch bound = new CountDownLatch(1);
        final Thread thread;
        volatile boolean stop;
        volatile int port;

        Subscriber() throws InterruptedException {
            thread = new Thread(this::run, "bench-zmq-sub");
            thread.setDaemon(true);
            thread.start();
            if (!bound.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the SUB socket did not bind");
            }
        }

        private void run() {
            try (ZContext context = new ZContext(1)) {
                ZMQ.Socket sub = context.createSocket(SocketType.SUB);
                sub.setReceiveTimeOut(100);
                sub.setRcvHWM(0);
                sub.subscribe(new byte[0]);
                port = sub.bindToRandomPort("tcp://127.0.0.1");
                bound.countDown();
                while (!stop) {
                    if (sub.recv(0) != null) {
                        count.lazySet(count.get() + 1);
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(5000);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        subscriber = new Subscriber();
        sender = ZmqPubSender.builder("tcp://127.0.0.1:" + subscriber.port).build();
        if (!sender.awaitConnection(Duration.ofSeconds(20))) {
            throw new IllegalStateException("the subscriber did not subscribe within 20 s");
        }
        client = MetlogClient.builder().sender(sender).logger("bench").build();
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        startReceived = subscriber.count.get();
        startDropped = sender.stats().droppedQueueFull();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        received = subscriber.count.get() - startReceived;
        droppedQueueFull = sender.stats().droppedQueueFull() - startDropped;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        client.close();
        long last = -1;
        for (int i = 0; i < 50 && subscriber.count.get() != last; i++) {
            last = subscriber.count.get();
            Thread.sleep(200);
        }
        DeliveryStats s = sender.stats();
        long got = subscriber.count.get();
        subscriber.close();
        System.out.println();
        System.out.println("TOTALS calls=" + calls + " zmqPubSender.stats: " + s + " received=" + got);
        boolean accounted = calls == s.total();
        System.out.println("ACCOUNTING calls(" + calls + ") = sent(" + s.sent() + ") + dropped(" + s.dropped()
            + ") + failed(" + s.failed() + "): " + accounted + "; received(" + got + ") = sent: " + (got == s.sent())
            + "; delivered fraction " + String.format("%.4f", (double) got / calls));
        if (!accounted) {
            throw new IllegalStateException("ACCOUNTING FAILED: messages were lost without being counted");
        }
    }

    @Benchmark
    public void zmqPubIncr() {
        client.incr("bench.counter");
        calls++;
    }
}
