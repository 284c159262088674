package org.metlog.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metlog.spi.InvalidOptionException;

/** Deep copies of configuration values, so that nothing built from them can change the caller's map. */
final class ConfigValues {
    private ConfigValues() {
    }

    /**
     * Copies a map deeply into unmodifiable maps and lists.
     *
     * @param map   the map
     * @param where where it comes from, for messages
     * @return the copy
     * @throws InvalidOptionException if a key is not a string
     */
    static Map<String, Object> copyMap(Map<?, ?> map, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidOptionException(where + ": key " + e.getKey() + " ("
                    + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                    + "): expected string keys");
            }
            out.put(key, copy(e.getValue(), where));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Copies maps, map entries (to pairs), collections and arrays (to lists); other values are kept. */
    static Object copy(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, where);
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return Collections.unmodifiableList(Arrays.asList(copy(entry.getKey(), where),
                copy(entry.getValue(), where)));
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(copy(item, where));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Object[] array) {
            return copy(Arrays.asList(array), where);
        }
        return value;
    }
}
