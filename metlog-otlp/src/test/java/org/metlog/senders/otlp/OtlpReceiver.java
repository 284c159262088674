package org.metlog.senders.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.metlog.testing.Deadline;

/**
 * An OTLP/HTTP receiver on loopback for tests: a JDK {@link HttpServer} that decodes every request with the
 * official OTLP classes (so a request that is not valid OTLP protobuf fails the test) and answers from a script
 * (200 with an empty response once the script is used up). It keeps every request it decoded, and separately
 * those it accepted (answered 2xx), which is what a sender may count as sent.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), new byte[0]);
        }

        static Answer status(int status, String header, String value) {
            return new Answer(status, Map.of(header, value), new byte[0]);
        }

        static Answer ok(byte[] body) {
            return new Answer(200, Map.of(), body);
        }
    }

    /** One decoded request. */
    record Received(String method, String path, String contentType, ExportLogsServiceRequest logs,
        ExportMetricsServiceRequest metrics, int status) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-otlp-receiver");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    /** Latches the next requests wait on before they are answered, one per request, in order. */
    private final ConcurrentLinkedQueue<CountDownLatch> holds = new ConcurrentLinkedQueue<>();
    private final Semaphore heldArrivals = new Semaphore(0);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> problems = new CopyOnWriteArrayList<>();

    private OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static OtlpReceiver start() {
        return new OtlpReceiver();
    }

    /** {@return the base URL to configure a sender with} */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds answers, given in order to the next requests. */
    OtlpReceiver script(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** {@return a latch the next request not held yet waits on (for at most 10 s) before it is answered} */
    CountDownLatch holdNext() {
        CountDownLatch latch = new CountDownLatch(1);
        holds.add(latch);
        return latch;
    }

    /** {@return true once one more held request has arrived (within 10 s)} */
    boolean awaitHeldArrival() throws InterruptedException {
        return heldArrivals.tryAcquire(10, TimeUnit.SECONDS);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** {@return the log records of every accepted request, in order} */
    List<LogRecord> acceptedLogRecords() {
        List<LogRecord> out = new ArrayList<>();
        for (Received r : received) {
            if (r.accepted() && r.logs() != null) {
                r.logs().getResourceLogsList().forEach(rl -> rl.getScopeLogsList()
                    .forEach(sl -> out.addAll(sl.getLogRecordsList())));
            }
        }
        return out;
    }

    /** {@return the metrics of every accepted request, in order} */
    List<Metric> acceptedMetrics() {
        List<Metric> out = new ArrayList<>();
        for (Received r : received) {
            if (r.accepted() && r.metrics() != null) {
                r.metrics().getResourceMetricsList().forEach(rm -> rm.getScopeMetricsList()
                    .forEach(sm -> out.addAll(sm.getMetricsList())));
            }
        }
        return out;
    }

    /** {@return log records plus metrics in accepted requests} */
    int acceptedItems() {
        return acceptedLogRecords().size() + acceptedMetrics().size();
    }

    /** Waits, at most 20 s, until {@code n} requests have been answered. */
    boolean awaitRequests(int n) {
        return Deadline.await(Duration.ofSeconds(20), () -> received.size() >= n);
    }

    /** {@return anything the receiver could not decode: a test that sees one fails} */
    List<Throwable> problems() {
        return List.copyOf(problems);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            ExportLogsServiceRequest logs = null;
            ExportMetricsServiceRequest metrics = null;
            try {
                if (path.equals("/v1/logs")) {
                    logs = ExportLogsServiceRequest.parseFrom(body);
                } else if (path.equals("/v1/metrics")) {
                    metrics = ExportMetricsServiceRequest.parseFrom(body);
                } else {
                    problems.add(new AssertionError("request to " + path));
                }
            } catch (IOException e) {
                problems.add(e);
            }
            CountDownLatch hold = holds.poll();
            if (hold != null) {
                heldArrivals.release();
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Answer answer = script.poll();
            if (answer == null) {
                answer = Answer.status(200);
            }
            received.add(new Received(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Content-Type"), logs, metrics, answer.status()));
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
