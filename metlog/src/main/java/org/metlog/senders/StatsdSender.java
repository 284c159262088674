package org.metlog.senders;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.metlog.message.Message;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Options;

/**
 * Sends counters, timers and gauges straight to a <a href="https://github.com/statsd/statsd">statsd</a> server
 * over UDP, for deployments without a metlog router.
 *
 * <p>Wire format, one line per message: {@code counter} -> {@code name:count|c}, {@code timer} ->
 * {@code name:ms|ms}, each followed by {@code |@rate} when the message's rate is strictly between 0 and 1;
 * {@code gauge} -> {@code name:value|g} (a negative value is sent as {@code name:0|g} then
 * {@code name:-5|g}, since statsd reads a signed gauge value as a change). The name is the message's
 * {@code name} field with the configured prefix and a {@code .} in front; {@code :}, {@code |}, {@code @} and
 * control characters in names are replaced by {@code _}. Other message types are not statsd's: they are
 * dropped and counted as {@code filtered} (route them elsewhere with {@link RouterSender}).
 *
 * <p>{@link Builder#flavor(StatsdFlavor)} chooses the dialect: {@link StatsdFlavor#ETSY} (the default, the lines
 * above), {@link StatsdFlavor#DATADOG} ({@code name:1|c|#env:prod,region:eu}) or {@link StatsdFlavor#INFLUX}
 * ({@code name,env=prod,region=eu:1|c}). Their tags are the message's fields ({@link Builder#tags(List)}; by
 * default all but {@code name} and {@code rate}), written as {@code docs/senders-stats.md} ("Tags") describes; the
 * datadog flavor adds {@code env:}, {@code service:} and {@code version:} from {@code DD_ENV}, {@code DD_SERVICE}
 * and {@code DD_VERSION} unless the message has a field of that name.
 *
 * <p><b>Aggregation</b> (on by default; {@link Builder#aggregation(boolean)}, option {@code aggregation}): within
 * a flush interval the counters of one name, rate and tags are summed into one line ({@code hits:57|c} for 57
 * calls of {@code incr("hits")}; a sampled counter keeps its rate, {@code hits:3|c|@0.5}, apart from other rates),
 * a gauge sends its last value, and timers keep every sample as a line of its own. Each call is still counted once
 * in {@link #stats()}: a line standing for 57 calls counts 57 as sent when its datagram is written (or 57 failed).
 * At most {@link Builder#queueCapacity(int)} distinct metrics are held; a call needing one more is dropped and
 * counted as {@code droppedQueueFull}. Without aggregation each message is a line of its own.
 *
 * <p>Lines are packed, newline-separated, into datagrams of at most {@link Builder#maxPacketSize(int)} bytes
 * (default {@value #DEFAULT_MAX_PACKET_SIZE}, which fits an Ethernet MTU). {@link #send(Message)} never blocks
 * and never waits for the network. A daemon thread named {@value #THREAD_NAME} sends what is aggregated or queued
 * within {@link Builder#flushInterval(Duration)} (default 100 ms), or sooner once a datagram's worth of lines is
 * queued; {@link #flush()} and {@link #close()} send everything at once. Lines beyond
 * {@link Builder#queueCapacity(int)} queued are dropped ({@code droppedQueueFull}), a line longer than a datagram
 * too ({@code droppedTooLarge}). Each message counts once, as sent when its line's datagram was written. Thread-safe.
 *
 * <p>The socket and the DNS policy are {@link UdpSender}'s: a host name is resolved in the background (building
 * never waits for it and never fails because of it), lines sent while it is not resolved are counted as
 * {@code failed}, and every delivery error goes to the sender's {@link ErrorHandler} (throttled stderr lines by
 * default; see {@link Builder#errorHandler(ErrorHandler)}).
 */
public final class StatsdSender extends UdpTransportSender {
    /** statsd's default port. */
    public static final int DEFAULT_PORT = 8125;
    /** The default host. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default largest datagram, in bytes: fits a 1500-byte MTU with IPv6 and UDP headers to spare. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 1432;
    /** The default time a queued line may wait before it is sent, in milliseconds. */
    public static final int DEFAULT_FLUSH_INTERVAL_MS = 100;
    /** The default number of lines that may wait to be sent. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** The name of the background thread. */
    public static final String THREAD_NAME = "metlog-statsd-flush";

    private static final int MAX_DATAGRAM = UdpTransport.MAX_DATAGRAM;

    private final String host;
    private final int port;
    private final String prefix;
    private final int maxPacketSize;
    private final StatsdTags tags;
    private final StatsdBatcher batcher;
    private final StatsdIntake intake;

    /**
     * Creates a sender with the defaults.
     *
     * @param host the statsd host
     * @param port the statsd UDP port
     * @throws IllegalArgumentException if the host is malformed or the port out of range
     */
    public StatsdSender(String host, int port) {
        this(builder().host(host).port(port));
    }

    /**
     * Creates a sender whose metric names all start with {@code prefix.}.
     *
     * @param host   the statsd host
     * @param port   the statsd UDP port
     * @param prefix the prefix; null or "" for none
     * @throws IllegalArgumentException if the host is malformed or the port out of range
     */
    public StatsdSender(String host, int port, String prefix) {
        this(builder().host(host).port(port).prefix(prefix));
    }

    private StatsdSender(Builder b) {
        super(new UdpTransport("StatsdSender", List.of(UdpDestination.of(b.host, b.port)), b.maxPacketSize,
            UdpTransport.Oversize.DROP, b.settings));
        this.host = b.host;
        this.port = b.port;
        this.prefix = b.prefix.isEmpty() ? "" : StatsdLines.sanitize(b.prefix, b.flavor);
        this.maxPacketSize = b.maxPacketSize;
        this.tags = StatsdTags.of(b.flavor, b.tags, b.environment);
        StatsdAggregator aggregator = !b.aggregation ? null : new StatsdAggregator(prefix, tags, maxPacketSize,
            b.queueCapacity, StatsdIntake.tooLarge(transport, counters));
        this.batcher = new StatsdBatcher(transport, counters, maxPacketSize,
            TimeUnit.MILLISECONDS.toNanos(b.flushIntervalMs), b.queueCapacity, aggregator);
        this.intake = new StatsdIntake(transport, counters, prefix, tags, maxPacketSize, aggregator, batcher);
    }

    /** {@return a builder with the defaults listed on {@link Builder}} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the sender from options {@code host} (default {@value #DEFAULT_HOST}), {@code port} (default
     * {@value #DEFAULT_PORT}), {@code prefix} (default none), {@code max_packet_size} (bytes, 64 to 65507,
     * default {@value #DEFAULT_MAX_PACKET_SIZE}), {@code flush_interval_ms} (1 to 60000, default
     * {@value #DEFAULT_FLUSH_INTERVAL_MS}), {@code queue_capacity} (lines, and distinct aggregated metrics, at least
     * 1, default {@value #DEFAULT_QUEUE_CAPACITY}), {@code aggregation} (a boolean, default true), {@code flavor} ({@code etsy}, the default, {@code datadog}, or
     * {@code influx} alias {@code telegraf}) and {@code tags} (the fields that become tags, a list or a
     * comma-separated string; default all but {@code name} and {@code rate}; only with a flavor that has tags). The
     * datadog flavor reads {@code DD_ENV}, {@code DD_SERVICE} and {@code DD_VERSION} from the process environment.
     * A host name is resolved in the background: one that does not resolve is not an error here. Delivery errors go
     * to {@link Options#errorHandler()}.
     *
     * @param options the options
     * @return the sender
     * @throws ConfigurationException if an option is invalid
     */
    public static StatsdSender fromConfig(Options options) {
        options.bindPositional("host", "port", "prefix");
        Builder b = builder()
            .host(options.string("host", DEFAULT_HOST))
            .port(options.port("port", DEFAULT_PORT))
            .prefix(options.string("prefix", ""))
            .maxPacketSize(options.integer("max_packet_size", DEFAULT_MAX_PACKET_SIZE, 64, MAX_DATAGRAM))
            .flushInterval(Duration.ofMillis(options.integer("flush_interval_ms", DEFAULT_FLUSH_INTERVAL_MS, 1,
                60_000)))
            .queueCapacity(options.integer("queue_capacity", DEFAULT_QUEUE_CAPACITY, 1, Integer.MAX_VALUE))
            .aggregation(options.bool("aggregation", true));
        b.flavor(StatsdTags.flavorOption(options)).tags(StatsdTags.tagsOption(options, b.flavor));
        try {
            UdpDestination.of(b.host, b.port);
        } catch (IllegalArgumentException e) {
            throw options.invalid("host", b.host, "a host name or an IP address (" + e.getMessage() + ")");
        }
        return b.errorHandler(options.errorHandler()).build();
    }

    /** {@return the statsd host} */
    public String host() {
        return host;
    }

    /** {@return the statsd port} */
    public int port() {
        return port;
    }

    /** {@return the prefix of every metric name, sanitised; "" for none} */
    public String prefix() {
        return prefix;
    }

    /** {@return the largest datagram this sender writes, in bytes} */
    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** {@return the statsd dialect of the lines} */
    public StatsdFlavor flavor() {
        return tags.flavor();
    }

    /**
     * Adds the message to its aggregated metric, or formats it as a statsd line and queues it; never blocks.
     * Messages of other types are counted as filtered.
     *
     * @param message the message
     * @throws IOException              if the sender is closed
     * @throws IllegalArgumentException if a statistic has no name, a bad rate or a payload that is not a number
     */
    @Override
    public void send(Message message) throws IOException {
        if (batcher.isClosed()) {
            counters.failed();
            throw new IOException("StatsdSender is closed");
        }
        intake.send(message);
    }

    /**
     * Sends every queued line now, on the calling thread, and reports what the error handler has held back. Never
     * throws.
     */
    @Override
    public void flush() {
        batcher.drain();
        transport.flush();
    }

    /**
     * Sends what is queued, stops the background thread and closes the socket. Later messages are counted as
     * failed. Never throws.
     */
    @Override
    public void close() {
        if (batcher.isClosed()) {
            return;
        }
        batcher.close();
        transport.close();
    }

    /**
     * Builds a {@link StatsdSender}. Defaults: host {@value StatsdSender#DEFAULT_HOST}, port
     * {@value StatsdSender#DEFAULT_PORT}, no prefix, datagrams of at most
     * {@value StatsdSender#DEFAULT_MAX_PACKET_SIZE} bytes, flush interval
     * {@value StatsdSender#DEFAULT_FLUSH_INTERVAL_MS} ms, queue capacity
     * {@value StatsdSender#DEFAULT_QUEUE_CAPACITY} lines (and aggregated metrics), aggregation on, flavor {@link StatsdFlavor#ETSY}, tags from every field
     * but {@code name} and {@code rate} (for flavors with tags), the process environment. Not thread-safe.
     */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String prefix = "";
        private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
        private long flushIntervalMs = DEFAULT_FLUSH_INTERVAL_MS;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private boolean aggregation = true;
        private StatsdFlavor flavor = StatsdFlavor.ETSY;
        private List<String> tags;
        private Map<String, String> environment = System.getenv();
        private final TransportSettings settings = new TransportSettings();

        private Builder() {
        }

        /**
         * Sets where delivery errors (an unresolved host, failed sends, dropped lines) are reported.
         *
         * @param handler the handler, not null (default: a new {@link org.metlog.spi.ErrorHandlers#stderr()})
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            settings.errorHandler(handler);
            return this;
        }

        /** {@return the transport settings, for tests to inject a lookup and a clock} */
        TransportSettings transport() {
            return settings;
        }

        /**
         * Sets the statsd host.
         *
         * @param host the statsd host name or address, not null
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param port the statsd UDP port
         * @return this builder
         * @throws IllegalArgumentException if outside 1 to 65535
         */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is out of range: expected 1 to 65535");
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the prefix of every metric name.
         *
         * @param prefix prepended with a {@code .} to every metric name; null or "" for none
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = prefix == null ? "" : prefix;
            return this;
        }

        /**
         * @param bytes the largest datagram to write, 64 to 65507
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxPacketSize(int bytes) {
            if (bytes < 64 || bytes > MAX_DATAGRAM) {
                throw new IllegalArgumentException("maxPacketSize " + bytes + " is out of range: expected 64 to "
                    + MAX_DATAGRAM);
            }
            this.maxPacketSize = bytes;
            return this;
        }

        /**
         * @param interval the longest time a queued line waits before it is sent, at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if shorter than 1 ms
         */
        public Builder flushInterval(Duration interval) {
            long ms = interval.toMillis();
            if (ms < 1) {
                throw new IllegalArgumentException("flushInterval " + interval + " is too short: expected at least"
                    + " 1 ms");
            }
            this.flushIntervalMs = ms;
            return this;
        }

        /**
         * @param lines how many lines may wait to be sent before new ones are dropped, and how many distinct metrics
         *              are aggregated at once, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder queueCapacity(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("queueCapacity " + lines + " is out of range: expected at"
                    + " least 1");
            }
            this.queueCapacity = lines;
            return this;
        }

        /**
         * Turns client-side aggregation on (the default) or off: counters summed and gauges' last value per name,
         * rate and tags within each flush interval, timers' samples kept; off, every message is a line of its own.
         *
         * @param on whether to aggregate
         * @return this builder
         */
        public Builder aggregation(boolean on) {
            this.aggregation = on;
            return this;
        }

        /**
         * @param flavor the statsd dialect, not null
         * @return this builder
         */
        public Builder flavor(StatsdFlavor flavor) {
            this.flavor = Objects.requireNonNull(flavor, "flavor");
            return this;
        }

        /**
         * Chooses the fields that become tags (for a flavor that has tags), in the order given.
         *
         * @param fields the field names, copied; null for the default, every field but {@code name} and
         *               {@code rate}; empty for none
         * @return this builder
         */
        public Builder tags(List<String> fields) {
            this.tags = fields == null ? null : List.copyOf(fields);
            return this;
        }

        /**
         * Sets where {@code DD_ENV}, {@code DD_SERVICE} and {@code DD_VERSION} are read (datadog flavor only), once,
         * when the sender is built.
         *
         * @param environment variable names to values, not null (default {@link System#getenv()})
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Opens the socket and starts the background thread (and the resolver's, for a host name). Never waits for
         * DNS, and a host name that does not resolve is not an error.
         *
         * @return the sender
         * @throws IllegalArgumentException if the host is malformed
         * @throws java.io.UncheckedIOException if no UDP socket can be opened
         */
        public StatsdSender build() {
            return new StatsdSender(this);
        }
    }
}
