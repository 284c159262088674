package org.metlog.senders;
import org.metlog.spi.Sender;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.Options;
import org.metlog.spi.DeliveryCounters;

/**
 * Keeps the last {@value #CAPACITY} messages as JSON strings in a ring buffer, for tests and debugging
 * (metlog-py's {@code metlog.senders.dev.DebugCaptureSender}). Any configuration options are kept as
 * attributes, readable with {@link #attribute(String)}, so that tests can check what configuration passed.
 * Thread-safe.
 */
public final class DebugCaptureSender implements Sender {
    /** How many messages are kept; older ones are discarded. */
    public static final int CAPACITY = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayDeque<String> messages = new ArrayDeque<>(CAPACITY);
    private final Map<String, Object> attributes;
    private final DeliveryCounters counters = new DeliveryCounters();

    /** Creates a capture sender without attributes. */
    public DebugCaptureSender() {
        this(Map.of());
    }

    /**
     * Creates a capture sender.
     *
     * @param attributes arbitrary values to keep, as metlog-py keeps its keyword arguments; copied
     */
    public DebugCaptureSender(Map<String, ?> attributes) {
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Builds the sender; every option becomes an attribute.
     *
     * @param options the options
     * @return the sender
     */
    public static DebugCaptureSender fromConfig(Options options) {
        return new DebugCaptureSender(options.asMap());
    }

    /** {@return false: the message is encoded (or counted) before {@code send} returns and never kept} */
    @Override
    public boolean keepsMessages() {
        return false;
    }

    @Override
    public void send(Message message) {
        String json;
        try {
            json = message.toJson();
        } catch (Throwable e) { // a field's toString() threw: counted once, then reported by the caller
            counters.failed();
            throw e;
        }
        synchronized (messages) {
            if (messages.size() == CAPACITY) {
                messages.removeFirst();
            }
            messages.addLast(json);
        }
        counters.sent();
    }

    /** {@return the captured messages as JSON strings, oldest first} */
    public List<String> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }

    /**
     * Returns the captured messages decoded into maps (envelope key to value), oldest first.
     *
     * @return new maps
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> decoded() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String json : messages()) {
            try {
                out.add(JSON.readValue(json, Map.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * Returns the most recent message, decoded.
     *
     * @return the message as a map
     * @throws IllegalStateException if nothing was captured
     */
    public Map<String, Object> last() {
        List<Map<String, Object>> all = decoded();
        if (all.isEmpty()) {
            throw new IllegalStateException("no message was captured");
        }
        return all.get(all.size() - 1);
    }

    /** Forgets every captured message. */
    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }

    /**
     * Returns one attribute given at construction.
     *
     * @param name the attribute name
     * @return its value, or null
     */
    public Object attribute(String name) {
        return attributes.get(name);
    }

    /** {@return all attributes, unmodifiable} */
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    /** {@return {@code DebugCaptureSender(<n> of 100 captured)}} */
    @Override
    public String toString() {
        synchronized (messages) {
            return "DebugCaptureSender(" + messages.size() + " of " + CAPACITY + " captured)";
        }
    }
}
