package org.metlog.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.otlp.OtlpSender;
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
 * Issue 16: {@code client.info} and {@code client.incr} through an {@link OtlpSender} (default batching: 512 a
 * request, a buffer of 2048) to an OTLP/HTTP receiver in the same process: a JDK {@link HttpServer} on loopback
 * that decodes every request with the official OTLP classes and counts the log records and metrics in it.
 *
 * <p>{@code pauseTokens} is the work the benchmark thread does between two calls ({@code Blackhole.consumeCPU}):
 * 0 = the caller does nothing but call, far more than one export thread carries; 2500 = about 4.4 us, an offered
 * load closer to what it carries.
 *
 * <p>Primary figure: calls per second on the benchmark thread. Auxiliary, per second of the iteration:
 * {@code delivered} (records and metrics the receiver decoded and accepted) and {@code droppedQueueFull} (calls the
 * full buffer refused, counted). At the end of the trial the client is closed and the counts must add up
 * exactly: calls = sent + droppedQueueFull + failed, and sent = what the receiver accepted; else the trial fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(2)
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class OtlpBenchmark {
    /** Records and metrics the receiver accepted during the iteration; JMH reports it per second. */
    public long delivered;
    /** Calls dropped because the buffer was full during the iteration; JMH reports it per second. */
    public long droppedQueueFull;

    @Param({"0", "2500"})
    private long pauseTokens;

    private HttpServer server;
    private ExecutorService serverThread;
    private final AtomicLong items = new AtomicLong();
    private OtlpSender sender;
    private MetlogClient client;
    private long calls;
    private long startItems;
    private long startDropped;

    @Setup(Level.Trial)
    public void setUp() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        serverThread = Executors.newSingleThreadExecutor();
        server.createContext("/", this::receive);
        server.setExecutor(serverThread);
        server.start();
        sender = OtlpSender.builder().endpoint("http://127.0.0.1:" + server.getAddress().getPort())
            .serviceName("bench").build();
        client = MetlogClient.builder().sender(sender).logger("bench").build();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            long n = 0;
            if (exchange.getRequestURI().getPath().equals("/v1/logs")) {
                for (var rl : ExportLogsServiceRequest.parseFrom(body).getResourceLogsList()) {
                    for (var sl : rl.getScopeLogsList()) {
                        n += sl.getLogRecordsCount();
                    }
                }
            } else {
                for (var rm : ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList()) {
                    for (var sm : rm.getScopeMetricsList()) {
                        n += sm.getMetricsCount();
                    }
                }
            }
            items.addAndGet(n);
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        startItems = items.get();
        startDropped = sender.stats().droppedQueueFull();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        delivered = items.get() - startItems;
        droppedQueueFull = sender.stats().droppedQueueFull() - startDropped;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long closeStart = System.nanoTime();
        client.close();
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
        DeliveryStats s = sender.stats();
        long got = items.get();
        server.stop(0);
        serverThread.shutdownNow();
        System.out.println();
        boolean accounted = calls == s.sent() + s.droppedQueueFull() + s.failed() && s.filtered() == 0;
        System.out.println("ACCOUNTING pauseTokens=" + pauseTokens + " calls(" + calls + ") = sent(" + s.sent()
            + ") + droppedQueueFull(" + s.droppedQueueFull() + ") + failed(" + s.failed() + "): " + accounted
            + "; received(" + got + ") = sent: " + (got == s.sent()) + "; requests " + sender.requests()
            + ", closeMillis " + closeMillis + String.format("; delivered fraction %.4f", (double) got / calls));
        if (!accounted || got != s.sent()) {
            throw new IllegalStateException("ACCOUNTING FAILED: messages were lost without being counted");
        }
    }

    /** A log message through the OtlpSender: the caller only buffers (or drops and counts). */
    @Benchmark
    public void otlpInfo() {
        if (pauseTokens > 0) {
            Blackhole.consumeCPU(pauseTokens);
        }
        client.info("request handled");
        calls++;
    }

    /** A counter through the OtlpSender. */
    @Benchmark
    public void otlpIncr() {
        if (pauseTokens > 0) {
            Blackhole.consumeCPU(pauseTokens);
        }
        client.incr("bench.counter");
        calls++;
    }
}
