package org.metlog.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field map of a message whose {@code name} and {@code rate} may still live in the fast-path slots of a
 * counter, timer or gauge: what to store when the message is created, how to read one field without building the
 * map, and how to build it. Stateless; the message keeps the map and the slots.
 */
final class StatFields {
    private StatFields() {
    }

    /**
     * {@return the map a new message starts with: null when there are no extra fields (the name and rate stay in
     *     their slots), else a copy of them followed by the name and rate if there is a name}
     */
    static Map<String, Object> initial(Map<String, ?> extraFields, String statName, double statRate) {
        if (extraFields == null || extraFields.isEmpty()) {
            return null;
        }
        return materialise(new LinkedHashMap<>(extraFields), statName, statRate);
    }

    /** {@return {@code fields}, or a new map when it is null, with the slots' name and rate added if there is a name} */
    static Map<String, Object> materialise(Map<String, Object> fields, String statName, double statRate) {
        Map<String, Object> map = fields == null ? new LinkedHashMap<>() : fields;
        if (statName != null) {
            map.put("name", statName);
            map.put("rate", statRate);
        }
        return map;
    }

    /** {@return the value of field {@code key}: from the slots while they hold the name, else from the map, or null} */
    static Object get(Map<String, Object> fields, String statName, double statRate, String key) {
        if (statName != null) {
            if ("name".equals(key)) {
                return statName;
            }
            if ("rate".equals(key)) {
                return statRate;
            }
        }
        return fields == null ? null : fields.get(key);
    }
}
