package org.metlog.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metlog.internal.Quoting;
import org.metlog.spi.InvalidOptionException;

/**
 * Reads a configuration's default fields: the {@code fields} map (the INI section {@code [<section>_fields]}),
 * whose names and values are added to every message the client builds unless the message sets them.
 */
final class DefaultFieldsOption {
    private DefaultFieldsOption() {
    }

    /**
     * Checks the {@code fields} value.
     *
     * @param value  the value of {@code fields}, or null
     * @param origin where it came from, for messages
     * @return the fields in order, empty when absent
     * @throws InvalidOptionException naming the field and its value if {@code fields} is not a map, a name is
     *                                {@code name}, {@code rate} or empty, or a value is not text, a number or a
     *                                boolean
     */
    static Map<String, Object> read(Object value, ConfigOrigin origin) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidOptionException(origin.where() + ": option fields = " + Quoting.value(value)
                + ": expected a map of field names to values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey(); // ConfigValues.copyMap has checked the keys
            Object field = e.getValue();
            String where = origin.field(name) + " = " + Quoting.value(field);
            if (name.isEmpty() || name.equals("name") || name.equals("rate")) {
                throw new InvalidOptionException(where + ": expected a field name other than name and rate, which"
                    + " counters, timers and gauges set themselves");
            }
            if (!(field instanceof CharSequence || field instanceof Number || field instanceof Boolean)) {
                throw new InvalidOptionException(where + ": expected text, a number or a boolean");
            }
            out.put(name, field instanceof CharSequence text ? text.toString() : field);
        }
        return out;
    }
}
