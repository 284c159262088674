package org.metlog.micrometer;

import io.micrometer.core.instrument.Tag;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one message: the registry's statistics first, then the meter's tags. A tag never overwrites a
 * statistic nor the client's own {@code name} and {@code rate}: a tag whose key is taken is written as
 * {@code tag_<key>}, so no value is lost.
 */
final class Fields {
    /** The prefix of a tag whose key a statistic already uses. */
    static final String TAG_PREFIX = "tag_";

    private final Map<String, Object> map = new LinkedHashMap<>();

    /** Adds a statistic. */
    Fields put(String key, Object value) {
        map.put(key, value);
        return this;
    }

    /** Adds a statistic that is a decimal, omitting it if it is NaN or infinite (JSON has no such number). */
    Fields putFinite(String key, double value) {
        if (Double.isFinite(value)) {
            map.put(key, value);
        }
        return this;
    }

    /** Adds a unit, unless there is none. */
    Fields unit(String unit) {
        if (unit != null && !unit.isEmpty()) {
            map.put("unit", unit);
        }
        return this;
    }

    /** {@return every field, with the tags (already through the naming convention) after the statistics} */
    Map<String, Object> withTags(List<Tag> tags) {
        for (Tag tag : tags) {
            String key = tag.getKey();
            if (map.containsKey(key) || "name".equals(key) || "rate".equals(key)) {
                key = TAG_PREFIX + key;
            }
            map.put(key, tag.getValue());
        }
        return map;
    }

    /** {@return the field name of a percentile: 0.5 is {@code p50}, 0.999 is {@code p99_9}} */
    static String percentileKey(double percentile) {
        String hundredths = BigDecimal.valueOf(percentile).movePointRight(2).stripTrailingZeros().toPlainString();
        return "p" + hundredths.replace('.', '_');
    }
}
