package org.metlog.senders.otlp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One POST of protobuf bytes to the collector over the JDK's HTTP client (HTTP/1.1, kept alive), bounded by the
 * request timeout from the first byte sent to the last byte of the response, and abortable from another thread
 * (close giving up). Never throws for the network: every outcome is an {@link Outcome}.
 */
final class HttpExport {
    static final String CONTENT_TYPE = "application/x-protobuf";

    /**
     * What became of one request.
     *
     * @param status     the HTTP status, or -1 if there was no response
     * @param retryAfter the Retry-After header, or null
     * @param body       the response body (at most {@link LimitedBody#MAX_BYTES}), empty if none
     * @param error      why there was no response, or null
     */
    record Outcome(int status, String retryAfter, byte[] body, Throwable error) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** A response of 429, 502, 503 or 504, or no response at all (refused, reset, timed out). */
        boolean retryable() {
            return status < 0 ? !(error instanceof CancellationException) : RetryPolicy.isRetryable(status);
        }
    }

    private final URI base;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;
    private volatile CompletableFuture<?> current;

    HttpExport(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "metlog-otlp-http");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER).executor(executor).build();
    }

    /** {@return the URI a request to {@code path} (such as {@code /v1/logs}) goes to} */
    URI uri(String path) {
        return URI.create(base.toString() + path);
    }

    /** Sends the body and waits for the response, at most the request timeout. */
    Outcome post(String path, byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(timeout)
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        CompletableFuture<HttpResponse<byte[]>> response;
        try {
            response = client.sendAsync(request, info -> LimitedBody.subscriber());
        } catch (RuntimeException e) {
            return new Outcome(-1, null, new byte[0], e);
        }
        current = response;
        try {
            HttpResponse<byte[]> r = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Outcome(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body(), null);
        } catch (TimeoutException e) {
            response.cancel(true);
            return new Outcome(-1, null, new byte[0], new HttpTimeoutException("no complete response within "
                + timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome(-1, null, new byte[0], cause instanceof IOException ? cause : new IOException(cause));
        } catch (CancellationException e) {
            return new Outcome(-1, null, new byte[0], e);
        } finally {
            current = null;
        }
    }

    /** Cancels the request in progress, if any; its {@link #post} returns at once. */
    void abort() {
        CompletableFuture<?> request = current;
        if (request != null) {
            request.cancel(true);
        }
    }

    /** Stops the client's worker thread; requests still running are aborted. */
    void close() {
        abort();
        executor.shutdownNow();
    }
}
