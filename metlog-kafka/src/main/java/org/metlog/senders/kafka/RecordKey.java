package org.metlog.senders.kafka;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.metlog.message.Message;

/**
 * Which attribute of a message becomes its record's key, so that Kafka puts every message with one key value in
 * one partition, in order. Immutable and thread-safe.
 *
 * <p>The key is the attribute's text in UTF-8. A message without the attribute (an empty logger, a missing field)
 * has no key: Kafka then spreads such records over the partitions.
 */
final class RecordKey {
    /** Loggers and types are few and repeat; a field's values need not, so they are not cached. */
    private static final int CACHE_LIMIT = 1024;
    private static final String FIELD_PREFIX = "fields.";

    private enum Source { LOGGER, TYPE, FIELD, NONE }

    private final Source source;
    private final String field;
    private final String spec;
    private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();

    private RecordKey(Source source, String field, String spec) {
        this.source = source;
        this.field = field;
        this.spec = spec;
    }

    /**
     * Parses a key specification.
     *
     * @param spec {@code logger}, {@code type}, {@code fields.<name>} or {@code none}
     * @return the key
     * @throws IllegalArgumentException naming the accepted forms if {@code spec} is none of them
     */
    static RecordKey parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        switch (s) {
            case "logger":
                return new RecordKey(Source.LOGGER, null, s);
            case "type":
                return new RecordKey(Source.TYPE, null, s);
            case "none":
                return new RecordKey(Source.NONE, null, s);
            default:
                if (s.startsWith(FIELD_PREFIX) && s.length() > FIELD_PREFIX.length()) {
                    return new RecordKey(Source.FIELD, s.substring(FIELD_PREFIX.length()), s);
                }
                throw new IllegalArgumentException(EXPECTED);
        }
    }

    /** What {@link #parse(String)} accepts, for error messages. */
    static final String EXPECTED = "logger, type, fields.<name> or none";

    /**
     * Returns the key of {@code message}'s record.
     *
     * @param message the message
     * @return the key bytes, or null for no key; a cached array must not be written to
     */
    byte[] of(Message message) {
        switch (source) {
            case LOGGER:
                return cached(message.logger());
            case TYPE:
                return cached(message.type());
            case FIELD:
                Object value = message.field(field);
                return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
            default:
                return null;
        }
    }

    private byte[] cached(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        byte[] bytes = cache.get(text);
        if (bytes == null) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            if (cache.size() < CACHE_LIMIT) {
                cache.putIfAbsent(text, bytes);
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return spec;
    }
}
