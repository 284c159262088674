package org.metlog.senders.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka producer properties of one {@link KafkaSender}: the safe defaults, overlaid with what the user passes
 * through. Immutable.
 *
 * <p>Idempotence is asked for explicitly only when the user has set none of the properties it depends on: Kafka
 * then turns it off by itself for settings that cannot have it (say {@code acks=1}) instead of refusing them.
 */
final class ProducerSettings {
    /** Every record waits for all in-sync replicas, so an acknowledged message survives a broker's loss. */
    static final String DEFAULT_ACKS = "all";
    /** A short linger batches a burst without holding a lone message back noticeably. */
    static final int DEFAULT_LINGER_MS = 5;
    /** lz4: cheap on the producer's CPU, and kafka-clients brings a pure-Java fallback for it. */
    static final String DEFAULT_COMPRESSION = "lz4";
    /** The longest a send waits for the topic's metadata or for room in the buffer; Kafka's own default is 60 s. */
    static final int DEFAULT_MAX_BLOCK_MS = 100;

    /** Properties the sender owns: records are always bytes, and it sends no transactions. */
    static final Set<String> RESERVED = Set.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    private static final Set<String> IDEMPOTENCE_INPUTS = Set.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        ProducerConfig.ACKS_CONFIG, ProducerConfig.RETRIES_CONFIG,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);

    private final Map<String, Object> properties;

    private ProducerSettings(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /**
     * The defaults overlaid with {@code overrides}.
     *
     * @param bootstrapServers the {@code bootstrap.servers} value
     * @param overrides        Kafka producer property to value; none of {@link #RESERVED}
     * @return the settings
     */
    static ProducerSettings of(String bootstrapServers, Map<String, ?> overrides) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, DEFAULT_ACKS);
        props.put(ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, DEFAULT_COMPRESSION);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK_MS);
        boolean userDecidesIdempotence = false;
        for (String key : overrides.keySet()) {
            userDecidesIdempotence |= IDEMPOTENCE_INPUTS.contains(key);
        }
        if (!userDecidesIdempotence) {
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        }
        props.putAll(overrides);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new ProducerSettings(props);
    }

    /** {@return true if {@code key} is a Kafka producer property} */
    static boolean known(String key) {
        return ProducerConfig.configNames().contains(key);
    }

    /** {@return the properties to build the producer with, as a new mutable map} */
    Map<String, Object> properties() {
        return new LinkedHashMap<>(properties);
    }

    /** {@return the value of one property, or null} */
    Object get(String key) {
        return properties.get(key);
    }

    /** {@return the longest a send may wait for metadata or buffer room, in milliseconds} */
    long maxBlockMs() {
        Object value = properties.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    }

    /**
     * Creates the producer; it connects in the background.
     *
     * @throws IllegalArgumentException if Kafka refuses the properties (its message names the property and value)
     */
    static KafkaProducer<byte[], byte[]> create(Map<String, Object> properties) {
        try {
            return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new IllegalArgumentException("KafkaSender: the Kafka producer refused its settings: "
                + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
