package org.metlog.senders.otlp;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.DeliveryCounters;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

/**
 * Exports messages to an OpenTelemetry Collector (or any OTLP receiver) over OTLP/HTTP with protobuf: log
 * messages ({@code oldstyle} and custom types) as log records to {@code <endpoint>/v1/logs}; counters (delta
 * sums), gauges and timers (explicit-bucket histograms in milliseconds) as metrics to
 * {@code <endpoint>/v1/metrics}. The mapping, the severity table and every option are in {@code docs/otlp.md}.
 *
 * <p>{@link #send(Message)} never blocks and never touches the network: it puts the message in a bounded buffer
 * (a full buffer drops it, counted as {@code droppedQueueFull}) and returns. One daemon thread,
 * {@code metlog-otlp-export}, exports a batch when {@link Builder#batchSize(int)} messages wait, when
 * {@link Builder#flushInterval(Duration)} has passed, on {@link #flush()} and on {@link #close()}. A request that
 * gets 429, 502, 503 or 504, or no response, is sent again (at most {@link Builder#maxAttempts(int)} attempts),
 * after the server's {@code Retry-After} if it gave one, else after an exponential backoff with jitter; any other
 * status is final. {@link #flush()} and {@link #close()} wait at most {@link Builder#closeTimeout(Duration)}.
 *
 * <p>Counting, once per message: {@code sent} when the collector accepted the request holding it (less what a
 * partial success says it rejected, which is {@code failed}); {@code failed} on a final status, when the retries
 * are used up, when it cannot be expressed in OTLP (a metric whose payload is not a number), or when it is given
 * after close; {@code droppedQueueFull} when the buffer is full or close gave up on it. Delivery errors go to the
 * sender's {@link ErrorHandler}. Thread-safe.
 */
public final class OtlpSender implements Sender {
    /** The default endpoint: a collector's OTLP/HTTP receiver on this machine. */
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:4318";
    /** The environment variable that names the service when no service name is configured. */
    public static final String SERVICE_NAME_VARIABLE = "OTEL_SERVICE_NAME";
    /** The default number of messages in one export. */
    public static final int DEFAULT_BATCH_SIZE = 512;
    /** The default number of messages that may wait to be exported. */
    public static final int DEFAULT_QUEUE_CAPACITY = 2048;
    /** The default longest wait of a message before it is exported, in milliseconds. */
    public static final int DEFAULT_FLUSH_INTERVAL_MS = 1000;
    /** The default bound of one request, in milliseconds. */
    public static final int DEFAULT_TIMEOUT_MS = 10_000;
    /** The default number of attempts of one request. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** The default wait before the first retry (before jitter), in milliseconds. */
    public static final int DEFAULT_INITIAL_BACKOFF_MS = 1000;
    /** The default longest wait between attempts (before jitter), in milliseconds. */
    public static final int DEFAULT_MAX_BACKOFF_MS = 5000;
    /** The default longest wait a server's Retry-After can ask for, in milliseconds. */
    public static final int DEFAULT_MAX_RETRY_AFTER_MS = 30_000;
    /** The default bound of {@link #flush()} and {@link #close()}, in milliseconds. */
    public static final int DEFAULT_CLOSE_TIMEOUT_MS = 5000;
    /** The default histogram bucket bounds of timers, in milliseconds (OpenTelemetry's default bounds). */
    public static final List<Double> DEFAULT_HISTOGRAM_BOUNDS = List.of(0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0,
        250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0);

    private static final String QUEUE_FULL = "OtlpSender: too many messages are waiting to be exported; new ones"
        + " are dropped";

    private final OtlpSettings settings;
    private final MessageBuffer buffer;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final Exporter exporter;
    private volatile boolean closed;

    private OtlpSender(OtlpSettings settings) {
        this.settings = settings;
        this.buffer = new MessageBuffer(settings.queueCapacity());
        this.exporter = new Exporter(settings, buffer, counters, toString());
    }

    /** {@return a builder with the defaults listed on {@link Builder}} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the sender from the options {@code endpoint}, {@code service_name}, {@code batch_size},
     * {@code queue_capacity}, {@code flush_interval_ms}, {@code timeout_ms}, {@code max_attempts},
     * {@code initial_backoff_ms}, {@code max_backoff_ms}, {@code max_retry_after_ms}, {@code close_timeout_ms} and
     * {@code histogram_bounds}, each defaulting as on {@link Builder}. Delivery errors go to
     * {@link Options#errorHandler()}.
     *
     * @param options the options
     * @return the sender
     * @throws ConfigurationException naming the option, its value and what was expected, if one is invalid
     */
    public static OtlpSender fromConfig(Options options) {
        return OtlpOptions.read(options, builder()).errorHandler(options.errorHandler()).build();
    }

    /** {@return the base URL that {@code /v1/logs} and {@code /v1/metrics} are appended to} */
    public URI endpoint() {
        return settings.endpoint();
    }

    /** {@return the configured {@code service.name}, or null if each message's logger names its service} */
    public String serviceName() {
        return settings.serviceName();
    }

    /**
     * Puts the message in the buffer for the export thread; never blocks and never touches the network.
     *
     * @param message the message; the sender owns it from now on
     * @throws IOException if the sender is closed (the message is counted as failed)
     */
    @Override
    public void send(Message message) throws IOException {
        if (closed) {
            counters.failed();
            throw new IOException(this + " is closed");
        }
        if (!buffer.offer(message)) {
            counters.droppedQueueFull();
            ErrorHandler.report(settings.errorHandler(), DeliveryError.of(toString(), QUEUE_FULL, message, null));
            return;
        }
        if (closed && buffer.remove(message)) {
            // close began while it was being offered, and nobody else has taken it
            counters.failed();
            throw new IOException(this + " is closed");
        }
        exporter.offered();
    }

    /**
     * Exports everything waiting now and waits for it, at most the close timeout; then reports what the error
     * handler has held back. Never throws.
     */
    @Override
    public void flush() {
        if (!closed) {
            exporter.flush(settings.closeTimeout().toNanos());
        }
        settings.errorHandler().flush();
    }

    /** {@return the counts of every message given to {@link #send(Message)}} */
    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    /** {@return requests made to the collector so far, retries included; for monitoring and tests} */
    public long requests() {
        return exporter.requests();
    }

    /** {@return requests made again after a retryable failure} */
    public long retries() {
        return exporter.retries();
    }

    /**
     * Exports what is waiting (retrying as usual) and stops the export thread, waiting at most the close timeout;
     * what is still not exported then is counted as {@code droppedQueueFull}. Later messages are counted as
     * failed. Idempotent; never throws.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        exporter.close(settings.closeTimeout().toNanos());
        settings.errorHandler().flush();
    }

    @Override
    public String toString() {
        return "OtlpSender(" + settings.endpoint() + ")";
    }

    /**
     * Builds an {@link OtlpSender}. Defaults: endpoint {@value OtlpSender#DEFAULT_ENDPOINT}; service name from the
     * environment variable {@value OtlpSender#SERVICE_NAME_VARIABLE}, else each message's logger; batches of
     * {@value OtlpSender#DEFAULT_BATCH_SIZE} messages, a buffer of {@value OtlpSender#DEFAULT_QUEUE_CAPACITY},
     * flush interval {@value OtlpSender#DEFAULT_FLUSH_INTERVAL_MS} ms, request timeout
     * {@value OtlpSender#DEFAULT_TIMEOUT_MS} ms, {@value OtlpSender#DEFAULT_MAX_ATTEMPTS} attempts, backoff from
     * {@value OtlpSender#DEFAULT_INITIAL_BACKOFF_MS} ms doubling up to {@value OtlpSender#DEFAULT_MAX_BACKOFF_MS}
     * ms, Retry-After honoured up to {@value OtlpSender#DEFAULT_MAX_RETRY_AFTER_MS} ms, close timeout
     * {@value OtlpSender#DEFAULT_CLOSE_TIMEOUT_MS} ms, {@link OtlpSender#DEFAULT_HISTOGRAM_BOUNDS}, errors to a new
     * {@link ErrorHandlers#stderr()}. Not thread-safe.
     */
    public static final class Builder {
        private URI endpoint = URI.create(DEFAULT_ENDPOINT);
        private String serviceName;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Duration flushInterval = Duration.ofMillis(DEFAULT_FLUSH_INTERVAL_MS);
        private Duration timeout = Duration.ofMillis(DEFAULT_TIMEOUT_MS);
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MS);
        private Duration maxBackoff = Duration.ofMillis(DEFAULT_MAX_BACKOFF_MS);
        private Duration maxRetryAfter = Duration.ofMillis(DEFAULT_MAX_RETRY_AFTER_MS);
        private Duration closeTimeout = Duration.ofMillis(DEFAULT_CLOSE_TIMEOUT_MS);
        private List<Double> histogramBounds = DEFAULT_HISTOGRAM_BOUNDS;
        private ErrorHandler errorHandler;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private Clock wallClock = Clock.systemUTC();
        private Pause pause = Pause.PARK;
        private UnaryOperator<String> environment = System::getenv;

        private Builder() {
        }

        /**
         * Sets the collector's base URL; {@code /v1/logs} and {@code /v1/metrics} are appended to it.
         *
         * @param url an http or https URL with a host, such as {@code http://collector:4318}; a trailing
         *            {@code /} is ignored
         * @return this builder
         * @throws IllegalArgumentException if it is not such a URL
         */
        public Builder endpoint(String url) {
            this.endpoint = OtlpOptions.endpoint(Objects.requireNonNull(url, "endpoint"));
            return this;
        }

        /**
         * Sets the {@code service.name} resource attribute of everything this sender exports.
         *
         * @param name the service name; null or "" for the environment's {@value OtlpSender#SERVICE_NAME_VARIABLE},
         *             else each message's logger
         * @return this builder
         */
        public Builder serviceName(String name) {
            this.serviceName = name == null || name.isEmpty() ? null : name;
            return this;
        }

        /**
         * @param messages how many messages one export holds at most, and how many waiting start one, at least 1
         * @return this builder
         */
        public Builder batchSize(int messages) {
            this.batchSize = OtlpOptions.atLeast("batchSize", messages, 1);
            return this;
        }

        /**
         * @param messages how many messages may wait before new ones are dropped, at least 1
         * @return this builder
         */
        public Builder queueCapacity(int messages) {
            this.queueCapacity = OtlpOptions.atLeast("queueCapacity", messages, 1);
            return this;
        }

        /**
         * @param interval the longest time a message waits before it is exported, at least 1 ms
         * @return this builder
         */
        public Builder flushInterval(Duration interval) {
            this.flushInterval = OtlpOptions.positive("flushInterval", interval);
            return this;
        }

        /**
         * @param timeout the bound of one request, from connecting to the end of the response, at least 1 ms
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = OtlpOptions.positive("timeout", timeout);
            return this;
        }

        /**
         * @param attempts how many times one request is tried in all, at least 1 (1: never retried)
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = OtlpOptions.atLeast("maxAttempts", attempts, 1);
            return this;
        }

        /**
         * Sets the backoff between attempts when the server gives no Retry-After: the first retry waits about
         * {@code initial}, each next one twice as long, never more than {@code max}; each wait is then scaled by
         * a random factor in [0.5, 1).
         *
         * @param initial the first wait, at least 1 ms
         * @param max     the longest wait, at least {@code initial}
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = OtlpOptions.positive("initialBackoff", initial);
            this.maxBackoff = OtlpOptions.positive("maxBackoff", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("maxBackoff " + max + " is shorter than initialBackoff "
                    + initial);
            }
            return this;
        }

        /**
         * @param max the longest wait a server's Retry-After is followed for (a longer one waits this long), at
         *            least 0
         * @return this builder
         */
        public Builder maxRetryAfter(Duration max) {
            if (max.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter " + max + " is negative");
            }
            this.maxRetryAfter = max;
            return this;
        }

        /**
         * @param timeout the longest {@link OtlpSender#flush()} and {@link OtlpSender#close()} wait, at least 1 ms
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = OtlpOptions.positive("closeTimeout", timeout);
            return this;
        }

        /**
         * @param bounds the timers' histogram bucket bounds in milliseconds, strictly ascending, finite, not empty
         * @return this builder
         */
        public Builder histogramBounds(List<Double> bounds) {
            this.histogramBounds = OtlpOptions.bounds(bounds);
            return this;
        }

        /**
         * @param handler where delivery errors are reported, not null
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "errorHandler");
            return this;
        }

        Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        Builder wallClock(Clock clock) {
            this.wallClock = clock;
            return this;
        }

        Builder pause(Pause pause) {
            this.pause = pause;
            return this;
        }

        Builder environment(UnaryOperator<String> environment) {
            this.environment = environment;
            return this;
        }

        /**
         * Starts the export thread; connects to nothing yet (the first export does).
         *
         * @return the sender
         */
        public OtlpSender build() {
            String service = serviceName;
            if (service == null) {
                String fromEnvironment = environment.apply(SERVICE_NAME_VARIABLE);
                service = fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
            }
            return new OtlpSender(new OtlpSettings(endpoint, service, batchSize, queueCapacity, flushInterval,
                timeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, closeTimeout, histogramBounds,
                errorHandler != null ? errorHandler : ErrorHandlers.stderr(), random, wallClock, pause));
        }
    }
}
