package org.metlog.logging;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.metlog.internal.Quoting;

/**
 * Collects one event's context into its fields as {@link LogContext} says: key-value pairs first (they win), then
 * MDC entries that are not there yet, then markers comma-joined. Never copies a reserved name, a null or empty key;
 * values become strings ("" for null). One per event; not thread-safe.
 */
final class ContextFields implements BiConsumer<String, Object>, Consumer<String> {
    private final Map<String, Object> fields;
    private final LogContext context;
    private boolean fromMdc;
    private StringBuilder markers;

    ContextFields(Map<String, Object> fields, LogContext context) {
        this.fields = fields;
        this.context = context;
    }

    /** From now on entries are MDC entries: filtered by key, and never replacing a key-value pair. */
    void mdcFollows() {
        fromMdc = true;
    }

    @Override
    public void accept(String key, Object value) {
        if (key == null || key.isEmpty() || LogContext.isReserved(key)) {
            return;
        }
        if (!fromMdc) {
            fields.put(key, text(value));
        } else if (context.copiesMdc(key) && !fields.containsKey(key)) {
            fields.put(key, text(value));
        }
    }

    /** Takes one marker's name. */
    @Override
    public void accept(String marker) {
        if (marker == null || marker.isEmpty()) {
            return;
        }
        if (markers == null) {
            markers = new StringBuilder(marker);
        } else {
            markers.append(',').append(marker);
        }
    }

    /** Puts the markers field, if there was a marker. */
    void finish() {
        if (markers != null) {
            fields.put(LogContext.FIELD_MARKERS, markers.toString());
        }
    }

    private static String text(Object value) {
        return value == null ? "" : Quoting.text(value);
    }
}
