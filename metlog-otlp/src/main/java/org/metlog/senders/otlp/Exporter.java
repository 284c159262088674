package org.metlog.senders.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/**
 * The export thread and the accounting of every message it takes: one daemon thread that exports a batch when
 * {@code batchSize} messages wait, when the flush interval has passed, on {@link #flush} and on close, retrying
 * as {@link RetryPolicy} says. Each message taken is settled exactly once: sent (the collector accepted the
 * request holding it, less what a partial success rejected), failed (a final status, or retries used up), or
 * dropped when close gives up on it. Settling and giving up share one lock, which no caller of {@code send} takes.
 */
final class Exporter {
    private static final String REJECTED = "OtlpSender: the collector refused a request; its messages are counted"
        + " as failed";
    private static final String GAVE_UP = "OtlpSender: a request failed after every retry; its messages are counted"
        + " as failed";
    private static final String PARTIAL = "OtlpSender: the collector rejected part of a request; those messages"
        + " are counted as failed";
    private static final String UNMAPPABLE = "OtlpSender: a message could not be expressed in OTLP; it is counted"
        + " as failed";
    private static final String ABANDONED = "OtlpSender: close gave up on messages not yet exported; they are"
        + " counted as droppedQueueFull";

    private final MessageBuffer buffer;
    private final DeliveryCounters counters;
    private final Requests requests;
    private final HttpExport http;
    private final RetryPolicy retry;
    private final Pause pause;
    private final ErrorHandler errors;
    private final String source;
    private final int batchSize;
    private final long intervalNanos;
    private final Thread thread;

    private final Object settling = new Object();
    private int taken; // guarded by settling
    private volatile boolean abandoned;
    private volatile boolean closing;
    private volatile boolean parked;
    private final AtomicLong flushRequested = new AtomicLong();
    private volatile long flushedUpTo;
    private final Object flushDone = new Object();
    private final AtomicLong requestsSent = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    Exporter(OtlpSettings s, MessageBuffer buffer, DeliveryCounters counters, String source) {
        this.buffer = buffer;
        this.counters = counters;
        this.requests = new Requests(s.serviceName(), s.histogramBounds());
        this.http = new HttpExport(s.endpoint(), s.timeout());
        this.retry = new RetryPolicy(s.maxAttempts(), s.initialBackoff(), s.maxBackoff(), s.maxRetryAfter(),
            s.random(), s.wallClock());
        this.pause = s.pause();
        this.errors = s.errorHandler();
        this.source = source;
        this.batchSize = s.batchSize();
        this.intervalNanos = s.flushInterval().toNanos();
        this.thread = new Thread(this::run, "metlog-otlp-export");
        this.thread.setDaemon(true);
        thread.start();
    }

    /** Called after each accepted message; wakes the thread once a batch is waiting. Cheap: a volatile read. */
    void offered() {
        if (parked && buffer.size() >= batchSize) {
            LockSupport.unpark(thread);
        }
    }

    /** Exports everything waiting now; waits for it at most {@code maxNanos}. */
    void flush(long maxNanos) {
        long ticket = flushRequested.incrementAndGet();
        LockSupport.unpark(thread);
        awaitFlushed(ticket, maxNanos);
    }

    /**
     * Exports what is waiting, then stops, waiting at most {@code maxNanos}; then gives up on whatever is left,
     * counting it as dropped. {@return true if everything was exported in time}
     */
    boolean close(long maxNanos) {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(maxNanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean finished = !thread.isAlive();
        int dropped = abandon();
        http.close();
        LockSupport.unpark(thread);
        if (dropped > 0) {
            ErrorHandler.report(errors, DeliveryError.of(source, ABANDONED, null, null));
        }
        return finished && dropped == 0;
    }

    /** {@return HTTP requests that got a response or failed, retries included} */
    long requests() {
        return requestsSent.get();
    }

    /** {@return requests sent again after a retryable failure} */
    long retries() {
        return retries.get();
    }

    private int abandon() {
        synchronized (settling) {
            abandoned = true;
            int dropped = taken;
            taken = 0;
            List<Message> left = new ArrayList<>();
            dropped += buffer.drainTo(left, Integer.MAX_VALUE);
            for (int i = 0; i < dropped; i++) {
                counters.droppedQueueFull();
            }
            return dropped;
        }
    }

    private void run() {
        try {
            loop();
        } finally {
            synchronized (flushDone) {
                flushDone.notifyAll(); // a flush waiting on a thread that has stopped returns now
            }
        }
    }

    private void loop() {
        long due = System.nanoTime() + intervalNanos;
        while (!abandoned) {
            long ticket = flushRequested.get();
            boolean close = closing;
            boolean intervalPassed = System.nanoTime() - due >= 0;
            boolean all = close || intervalPassed || ticket > flushedUpTo;
            if (all || buffer.size() >= batchSize) {
                exportWaiting(all);
                if (all) {
                    due = System.nanoTime() + intervalNanos;
                    flushedUpTo = ticket;
                    synchronized (flushDone) {
                        flushDone.notifyAll();
                    }
                }
                if (close && buffer.size() == 0) {
                    return;
                }
                continue;
            }
            parked = true;
            if (buffer.size() < batchSize && !closing && flushRequested.get() == ticket) {
                LockSupport.parkNanos(this, due - System.nanoTime());
            }
            parked = false;
        }
    }

    /**
     * Exports full batches, or, if {@code all}, everything waiting when it began (not what arrives meanwhile). Without
     * {@code all} every batch is a full one, however many messages arrive while one is exported.
     */
    private void exportWaiting(boolean all) {
        int budget = buffer.size();
        while (!abandoned && (all ? budget > 0 : buffer.size() >= batchSize)) {
            int limit = all ? Math.min(budget, batchSize) : batchSize;
            List<Message> batch = new ArrayList<>(limit);
            synchronized (settling) {
                if (abandoned) {
                    return;
                }
                taken += buffer.drainTo(batch, limit);
            }
            if (batch.isEmpty()) {
                return;
            }
            budget -= batch.size();
            export(batch);
        }
    }

    private void export(List<Message> batch) {
        Requests.Encoded encoded;
        try {
            encoded = requests.encode(batch);
        } catch (Throwable e) { // whatever mapping a batch throws, the export thread lives on and counts it
            if (settle(0, batch.size())) {
                ErrorHandler.report(errors, DeliveryError.of(source, UNMAPPABLE, batch.get(0), e));
            }
            return;
        }
        for (int i = 0; i < encoded.unmappable().size(); i++) {
            if (settle(0, 1)) {
                ErrorHandler.report(errors, DeliveryError.of(source, UNMAPPABLE, encoded.unmappable().get(i),
                    encoded.reasons().get(i)));
            }
        }
        for (Requests.Part part : encoded.parts()) {
            try {
                send(part);
            } catch (InterruptedException e) {
                return; // only close interrupts, and then it has counted what it gave up on
            }
        }
    }

    private void send(Requests.Part part) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (abandoned) {
                return;
            }
            HttpExport.Outcome outcome = http.post(part.path(), part.body());
            requestsSent.incrementAndGet();
            if (abandoned) {
                return;
            }
            if (outcome.accepted()) {
                accepted(part, outcome);
                return;
            }
            if (!outcome.retryable() || !retry.mayRetryAfter(attempt)) {
                if (settle(0, part.messages())) {
                    ErrorHandler.report(errors, DeliveryError.of(source, outcome.retryable() ? GAVE_UP : REJECTED,
                        part.first(), describe(part, outcome, attempt)));
                }
                return;
            }
            pause.pause(retry.delayNanos(attempt, outcome.retryAfter()), () -> abandoned);
            retries.incrementAndGet();
        }
    }

    private void accepted(Requests.Part part, HttpExport.Outcome outcome) {
        long rejected = 0;
        String why = "";
        try {
            if (part.isLogs()) {
                ExportLogsServiceResponse r = ExportLogsServiceResponse.parseFrom(outcome.body());
                rejected = r.getPartialSuccess().getRejectedLogRecords();
                why = r.getPartialSuccess().getErrorMessage();
            } else {
                ExportMetricsServiceResponse r = ExportMetricsServiceResponse.parseFrom(outcome.body());
                rejected = r.getPartialSuccess().getRejectedDataPoints();
                why = r.getPartialSuccess().getErrorMessage();
            }
        } catch (IOException e) {
            rejected = 0; // a 2xx whose body is not a response still means accepted
        }
        int failed = (int) Math.max(0, Math.min(part.messages(), rejected));
        if (settle(part.messages() - failed, failed) && failed > 0) {
            ErrorHandler.report(errors, DeliveryError.of(source, PARTIAL, part.first(), new IOException(
                "the collector at " + http.uri(part.path()) + " rejected " + failed + " of " + part.messages()
                    + (why.isEmpty() ? "" : ": " + why))));
        }
    }

    private IOException describe(Requests.Part part, HttpExport.Outcome outcome, int attempts) {
        String what = outcome.status() < 0 ? "no response" : "HTTP " + outcome.status();
        return new IOException(what + " from " + http.uri(part.path()) + " after " + attempts
            + (attempts == 1 ? " attempt" : " attempts"), outcome.error());
    }

    /** Counts messages the thread took; {@return false (counting nothing) if close has given up on them} */
    private boolean settle(int sent, int failed) {
        synchronized (settling) {
            if (abandoned) {
                return false;
            }
            for (int i = 0; i < sent; i++) {
                counters.sent();
            }
            for (int i = 0; i < failed; i++) {
                counters.failed();
            }
            taken -= sent + failed;
            return true;
        }
    }

    private void awaitFlushed(long ticket, long maxNanos) {
        long deadline = System.nanoTime() + maxNanos;
        synchronized (flushDone) {
            while (flushedUpTo < ticket && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(flushDone, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
