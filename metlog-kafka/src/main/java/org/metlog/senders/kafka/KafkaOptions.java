package org.metlog.senders.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;

/** Reads a {@link KafkaSender}'s configuration options into its builder, with the errors configuration gives. */
final class KafkaOptions {
    static final String PRODUCER_PREFIX = "producer_";
    private static final int MAX_TIMEOUT_MS = 600_000;

    private final KafkaSender.Builder builder;
    private final List<String> producerKeys;

    private KafkaOptions(KafkaSender.Builder builder, List<String> producerKeys) {
        this.builder = builder;
        this.producerKeys = producerKeys;
    }

    static KafkaOptions read(Options options) {
        List<String> servers = options.strings("bootstrap_servers", null);
        if (servers == null || servers.isEmpty() || String.join("", servers).isBlank()) {
            throw options.missing("bootstrap_servers", "host:port pairs of the Kafka cluster, such as"
                + " localhost:9092 or a list of them");
        }
        KafkaSender.Builder builder = KafkaSender.builder(String.join(",", servers), options.string("topic"));
        String key = options.string("key", KafkaSender.DEFAULT_KEY);
        try {
            builder.key(key);
        } catch (IllegalArgumentException e) {
            throw options.invalid("key", key, RecordKey.EXPECTED);
        }
        builder.flushTimeout(Duration.ofMillis(options.integer("flush_timeout_ms",
            (int) KafkaSender.DEFAULT_TIMEOUT.toMillis(), 0, MAX_TIMEOUT_MS)));
        builder.closeTimeout(Duration.ofMillis(options.integer("close_timeout_ms",
            (int) KafkaSender.DEFAULT_TIMEOUT.toMillis(), 0, MAX_TIMEOUT_MS)));
        List<String> producerKeys = new ArrayList<>();
        for (String name : List.copyOf(options.keys())) {
            if (!name.startsWith(PRODUCER_PREFIX)) {
                continue;
            }
            String property = name.substring(PRODUCER_PREFIX.length());
            Object value = options.raw(name);
            if (ProducerSettings.RESERVED.contains(property)) {
                throw options.invalid(name, value, "a producer property other than "
                    + String.join(", ", new java.util.TreeSet<>(ProducerSettings.RESERVED))
                    + ", which the sender sets itself");
            }
            if (!ProducerSettings.known(property)) {
                throw new UnknownOptionException(options.context() + ": option " + options.displayName(name)
                    + ": '" + property + "' is not a Kafka producer property (see ProducerConfig in kafka-clients)");
            }
            if (value == null) {
                throw options.invalid(name, null, "a value for the producer property " + property);
            }
            builder.producerProperty(property, text(value));
            producerKeys.add(name);
        }
        builder.errorHandler(options.errorHandler());
        options.checkAllUsed();
        return new KafkaOptions(builder, producerKeys);
    }

    /** Kafka parses text for every property type; a list is its comma-separated form. */
    private static String text(Object value) {
        if (value instanceof Collection<?> items) {
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(String.valueOf(item));
            }
            return String.join(",", parts);
        }
        return String.valueOf(value);
    }

    /** Builds the sender, naming the option whose value Kafka refused when Kafka's message says which it was. */
    KafkaSender build(Options options) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            for (String name : producerKeys) {
                String property = name.substring(PRODUCER_PREFIX.length());
                if (String.valueOf(e.getMessage()).contains("configuration " + property)
                    || String.valueOf(e.getMessage()).contains(" " + property + " ")) {
                    throw options.invalid(name, options.raw(name), "a value Kafka accepts: " + e.getMessage());
                }
            }
            throw options.invalid(PRODUCER_PREFIX + "*", null, "producer properties Kafka accepts: " + e.getMessage());
        }
    }
}
