package org.metlog.senders.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.metlog.message.DeliveryStats;
import org.metlog.message.EncodedEnvelope;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

/**
 * Sends each message as one Kafka record: the envelope's compact JSON (UTF-8) is the value, the message's logger
 * (or its type, or one of its fields: {@link Builder#key(String)}) is the key, so that one logger's messages stay
 * in one partition, in order. The record's timestamp is the message's.
 *
 * <p><b>Producer.</b> One {@link org.apache.kafka.clients.producer.KafkaProducer} per sender, with these defaults, each of which a producer property
 * overrides ({@link Builder#producerProperty(String, Object)}, {@code sender_producer_<property>} in INI):
 * {@code acks=all}, idempotence on (unless the properties set decide it), {@code linger.ms=5},
 * {@code compression.type=lz4}, {@code max.block.ms=100}. The sender sets {@code bootstrap.servers} and the
 * serializers itself and sends no transactions.
 *
 * <p><b>Never blocks for long, never throws.</b> {@link #send(Message)} returns once the producer has taken the
 * record into its buffer. It waits only when the producer does: for the topic's metadata (the first message,
 * an absent topic, an unreachable cluster) or for room in a full buffer, each at most {@code max.block.ms}. After
 * a metadata wait fails, sends fail at once for a second before one waits again, so an unreachable cluster costs
 * the caller one wait per second, not one per message.
 *
 * <p><b>Counting.</b> Every message is counted once: a message the producer refuses at once (too large, the
 * buffer still full after {@code max.block.ms}, no metadata, sent after close, not encodable) when {@code send}
 * returns; a record it took, when its callback reports the broker's answer: {@code sent} when acknowledged,
 * {@code failed} when the producer gave up ({@code delivery.timeout.ms}, 2 minutes by default),
 * {@code droppedTooLarge} for a record too large, {@code droppedQueueFull} for a full buffer, a message sent
 * after close, and a record still unacknowledged when the close timeout runs out (counted then, and never again
 * if its callback comes later). So once flushed, messages given = sent + dropped + failed, exactly; every drop
 * and failure also goes to the error handler.
 *
 * <p>Thread-safe. Configuration options: {@code bootstrap_servers} and {@code topic} (required), {@code key},
 * {@code flush_timeout_ms}, {@code close_timeout_ms}, {@code producer_<Kafka producer property>}.
 */
public final class KafkaSender implements Sender {
    /** The default record key: {@value}. */
    public static final String DEFAULT_KEY = "logger";
    /** The default longest wait of {@link #flush()} and of {@link #close()}: 5 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** How long close waits for the producer's own close after its timeout, before giving up on it. */
    private static final long CLOSE_GRACE_MS = 1_000;
    private static final LongSupplier NANO_TIME = System::nanoTime;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String bootstrapServers;
    private final RecordKey key;
    private final Duration flushTimeout;
    private final Duration closeTimeout;
    private final ErrorHandler errorHandler;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final InFlight inFlight = new InFlight(counters);
    private final MetadataGate gate;
    private final String name;
    private volatile boolean closed;

    private KafkaSender(Builder b, Producer<byte[], byte[]> producer) {
        this.producer = producer;
        this.topic = b.topic;
        this.bootstrapServers = b.bootstrapServers;
        this.key = b.key;
        this.flushTimeout = b.flushTimeout;
        this.closeTimeout = b.closeTimeout;
        this.errorHandler = b.errorHandler != null ? b.errorHandler : ErrorHandlers.stderr();
        this.gate = new MetadataGate(b.nanoClock);
        this.name = "KafkaSender(" + topic + " at " + bootstrapServers + ")";
    }

    /**
     * Starts a builder.
     *
     * @param bootstrapServers the {@code host:port} pairs to find the cluster by, comma-separated
     * @param topic            the topic every record goes to
     * @return a builder with the defaults described by {@link Builder}
     */
    public static Builder builder(String bootstrapServers, String topic) {
        return new Builder(bootstrapServers, topic);
    }

    /**
     * Builds the sender from configuration options: {@code bootstrap_servers} (a string or a list,
     * {@code host:port} each), {@code topic}, {@code key} ({@code logger}, {@code type}, {@code fields.<name>} or
     * {@code none}; default {@value #DEFAULT_KEY}), {@code flush_timeout_ms} and {@code close_timeout_ms} (default
     * 5000), and any {@code producer_<property>}, passed to the Kafka producer as {@code <property>}. The producer
     * is created here; it connects in the background. Delivery errors go to {@link Options#errorHandler()}.
     *
     * @param options the options
     * @return the sender
     * @throws org.metlog.spi.InvalidOptionException if an option is missing or its value unusable (including a
     *     producer property whose value Kafka refuses)
     * @throws org.metlog.spi.UnknownOptionException if an option is unknown, or a {@code producer_} option is not
     *     a Kafka producer property
     */
    public static KafkaSender fromConfig(Options options) {
        return KafkaOptions.read(options).build(options);
    }

    /**
     * Hands the message to the producer as one record. Never throws; waits at most about {@code max.block.ms}
     * (see the class documentation), and counts the message if it cannot be sent.
     *
     * @param message the message
     */
    @Override
    public void send(Message message) {
        if (closed) {
            refused(message, Failure.AFTER_CLOSE, null);
            return;
        }
        if (gate.shut()) {
            refused(message, Failure.METADATA_MISSING, null);
            return;
        }
        ProducerRecord<byte[], byte[]> record;
        try (EncodedEnvelope json = message.encode()) {
            byte[] value = new byte[json.length()];
            json.bytes().get(0, value);
            record = new ProducerRecord<>(topic, null, message.timestampMicros() / 1000, key.of(message), value);
        } catch (RuntimeException | StackOverflowError e) {
            refused(message, Failure.NOT_ENCODED, e);
            return;
        }
        if (!inFlight.enter()) {
            refused(message, Failure.AFTER_CLOSE, null);
            return;
        }
        RecordCallback delivery = new RecordCallback(message, Thread.currentThread(), inFlight, gate, errorHandler,
            name, () -> closed);
        try {
            producer.send(record, delivery);
        } catch (RuntimeException e) {
            delivery.onCompletion(null, e);
        }
    }

    /** Counts and reports a message that never reached the producer. */
    private void refused(Message message, Failure failure, Throwable cause) {
        failure.outcome.count(counters);
        ErrorHandler.report(errorHandler, DeliveryError.of(name, failure.problem, message, cause));
    }

    /**
     * Waits until every record handed to the producer before this call is acknowledged or failed, at most the
     * flush timeout, then reports what the error handler held back. Never throws.
     */
    @Override
    public void flush() {
        inFlight.awaitResolved(NANO_TIME.getAsLong() + flushTimeout.toNanos(), NANO_TIME);
        errorHandler.flush();
    }

    /**
     * Stops accepting messages (later ones are counted as {@code droppedQueueFull}), gives the producer up to the
     * close timeout to have what it holds acknowledged, then counts every record still unacknowledged as
     * {@code droppedQueueFull} and closes the producer. Blocks for at most about the close timeout plus a second;
     * idempotent; never throws.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Thread closer = new Thread(this::closeProducer, "metlog-kafka-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(closeTimeout.toMillis() + CLOSE_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long abandoned = inFlight.settle();
        if (abandoned > 0) {
            ErrorHandler.report(errorHandler, DeliveryError.of(name, Failure.CLOSE_TIMEOUT.problem, null, null));
        }
        errorHandler.flush();
    }

    private void closeProducer() {
        try {
            producer.close(closeTimeout);
        } catch (KafkaException e) {
            ErrorHandler.report(errorHandler, DeliveryError.of(name, "KafkaSender: closing the producer failed",
                null, e));
        }
    }

    /**
     * Waits until the topic's partitions are known (the cluster reached, the topic found), for at most about
     * {@code max} plus one {@code max.block.ms}. Never throws.
     *
     * @param max the longest time to wait
     * @return true if the producer knows the topic's partitions; false if not in time, or once closed
     */
    @Override
    public boolean awaitConnection(Duration max) {
        long deadline = NANO_TIME.getAsLong() + max.toNanos();
        do {
            if (closed) {
                return false;
            }
            try {
                if (!producer.partitionsFor(topic).isEmpty()) {
                    gate.open();
                    return true;
                }
            } catch (KafkaException | IllegalStateException e) {
                // not yet: the metadata did not come within max.block.ms, or the sender closed meanwhile
            }
        } while (NANO_TIME.getAsLong() - deadline < 0);
        return false;
    }

    /** {@return what became of every message given to this sender so far; records still in flight are in none} */
    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    /** {@return the topic every record goes to} */
    public String topic() {
        return topic;
    }

    /** {@return the bootstrap servers, as configured} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@return records handed to the producer and neither acknowledged nor failed yet} */
    public long inFlight() {
        return inFlight.pending();
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Builds a {@link KafkaSender}. Not thread-safe.
     *
     * <p>Defaults: key {@value KafkaSender#DEFAULT_KEY}, flush and close timeouts 5 s, the producer defaults of
     * the class documentation, errors to a new {@link ErrorHandlers#stderr()}.
     */
    public static final class Builder {
        private final String bootstrapServers;
        private final String topic;
        private RecordKey key = RecordKey.parse(DEFAULT_KEY);
        private Duration flushTimeout = DEFAULT_TIMEOUT;
        private Duration closeTimeout = DEFAULT_TIMEOUT;
        private ErrorHandler errorHandler;
        private LongSupplier nanoClock = NANO_TIME;
        private final Map<String, Object> producerProperties = new LinkedHashMap<>();

        private Builder(String bootstrapServers, String topic) {
            this.bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
            this.topic = requireText(topic, "topic");
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("KafkaSender: " + what + " must not be empty");
            }
            return value.strip();
        }

        /**
         * Sets what each record's key is.
         *
         * @param spec {@code logger} (the default), {@code type}, {@code fields.<name>} or {@code none} (no key)
         * @return this builder
         * @throws IllegalArgumentException if {@code spec} is none of those
         */
        public Builder key(String spec) {
            try {
                this.key = RecordKey.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("KafkaSender: key '" + spec + "': expected " + RecordKey.EXPECTED);
            }
            return this;
        }

        /**
         * Sets a Kafka producer property, overriding the sender's default for it.
         *
         * @param property a producer property such as {@code linger.ms}; not {@code bootstrap.servers}, the
         *                 serializers or {@code transactional.id}, which the sender owns
         * @param value    its value, as Kafka accepts it (text or a typed value)
         * @return this builder
         * @throws IllegalArgumentException if the property is not a producer property or is one the sender owns
         */
        public Builder producerProperty(String property, Object value) {
            if (ProducerSettings.RESERVED.contains(property)) {
                throw new IllegalArgumentException("KafkaSender: producer property '" + property
                    + "' is set by the sender itself");
            }
            if (!ProducerSettings.known(property)) {
                throw new IllegalArgumentException("KafkaSender: '" + property + "' is not a Kafka producer property");
            }
            producerProperties.put(property, Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the longest {@link KafkaSender#flush()} waits for acknowledgements.
         *
         * @param timeout zero or more
         * @return this builder
         */
        public Builder flushTimeout(Duration timeout) {
            this.flushTimeout = nonNegative(timeout, "flushTimeout");
            return this;
        }

        /**
         * Sets the longest {@link KafkaSender#close()} gives the producer to have its records acknowledged.
         *
         * @param timeout zero or more
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = nonNegative(timeout, "closeTimeout");
            return this;
        }

        private static Duration nonNegative(Duration timeout, String what) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("KafkaSender: " + what + " must not be negative, got " + timeout);
            }
            return timeout;
        }

        /**
         * Sets where delivery errors go.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** For tests: the monotonic clock of the metadata gate. */
        Builder nanoClock(LongSupplier clock) {
            this.nanoClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** {@return the producer properties this builder would create the producer with} */
        Map<String, Object> producerProperties() {
            return ProducerSettings.of(bootstrapServers, producerProperties).properties();
        }

        /**
         * Creates the producer and the sender. The producer connects in the background; this does not wait.
         *
         * @return the sender
         * @throws IllegalArgumentException if Kafka refuses the producer properties (its message names the
         *     property and the value)
         */
        public KafkaSender build() {
            return new KafkaSender(this, ProducerSettings.create(producerProperties()));
        }

        /** {@return the producer property names set so far, in order} */
        List<String> producerPropertyNames() {
            return List.copyOf(producerProperties.keySet());
        }
    }
}
