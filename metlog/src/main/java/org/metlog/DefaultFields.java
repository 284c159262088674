package org.metlog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client's default fields: added to every message the client builds that does not set a field of that name
 * itself. Built and checked once per configuration, immutable and thread-safe; a message without fields of its
 * own takes the pre-built map, so only a message that has both pays for merging them.
 */
final class DefaultFields {
    /** None: messages keep exactly their own fields. */
    static final DefaultFields NONE = new DefaultFields(Map.of());

    private final Map<String, Object> fields;

    private DefaultFields(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * Checks and copies default fields.
     *
     * @param fields field names to values, in the order messages list them; null or empty for none
     * @return the defaults
     * @throws IllegalArgumentException if a name is null, empty, {@code name} or {@code rate} (the fields of a
     *                                  statistic), or a value is null
     */
    static DefaultFields of(Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            return NONE;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals("name") || name.equals("rate")) {
                throw new IllegalArgumentException("default field name " + (name == null ? "null" : "'" + name
                    + "'") + " is not allowed: expected a non-empty name other than 'name' and 'rate', which"
                    + " counters, timers and gauges set themselves");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("default field '" + name + "' has a null value: expected a"
                    + " value");
            }
            copy.put(name, e.getValue());
        }
        return new DefaultFields(Collections.unmodifiableMap(copy));
    }

    /** {@return the default fields, unmodifiable, in order} */
    Map<String, Object> asMap() {
        return fields;
    }

    /**
     * {@return the fields of a new message: {@code own} (which wins) and then the defaults it does not set; the
     *     pre-built defaults when {@code own} is empty}
     */
    Map<String, ?> merge(Map<String, ?> own) {
        if (fields.isEmpty()) {
            return own;
        }
        if (own == null || own.isEmpty()) {
            return fields;
        }
        Map<String, Object> merged = new LinkedHashMap<>(own);
        fields.forEach(merged::putIfAbsent);
        return merged;
    }
}
