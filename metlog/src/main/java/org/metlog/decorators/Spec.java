package org.metlog.decorators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one decorator sends at each call, checked once: the kind, the timer or counter name, the sample rate, the
 * count, and the logger, severity and extra fields of the message. Shared by {@link Decorator} (which builds it) and
 * {@link LazyAround} (which sends with it), so that neither names the other back.
 *
 * @param kind     timing or counting
 * @param name     the timer or counter name, not empty
 * @param rate     the sample rate, 0 to 1
 * @param count    what each call adds to a counter, 0 or more
 * @param logger   the message's logger; null means the client's
 * @param severity the message's severity, 0 to 7; null means the client's
 * @param fields   extra fields, unmodifiable; null when there are none
 */
record Spec(Kind kind, String name, double rate, long count, String logger, Integer severity,
            Map<String, Object> fields) {

    /** {@return the defaults for a new decorator: rate 1, count 1, the client's logger and severity, no fields} */
    static Spec of(Kind kind, String name) {
        return new Spec(kind, name, 1.0, 1, null, null, null);
    }

    Spec withRate(double newRate) {
        return new Spec(kind, name, newRate, count, logger, severity, fields);
    }

    Spec withCount(long newCount) {
        return new Spec(kind, name, rate, newCount, logger, severity, fields);
    }

    Spec withLogger(String newLogger) {
        return new Spec(kind, name, rate, count, newLogger, severity, fields);
    }

    Spec withSeverity(Integer newSeverity) {
        return new Spec(kind, name, rate, count, logger, newSeverity, fields);
    }

    /**
     * @param newFields copied once here, so that every call sends the same map; null or empty means none
     * @throws IllegalArgumentException if a key is null
     */
    Spec withFields(Map<String, ?> newFields) {
        if (newFields == null || newFields.isEmpty()) {
            return new Spec(kind, name, rate, count, logger, severity, null);
        }
        // like the client's own timers: an insertion-ordered copy that may hold null values (Map.copyOf refuses them)
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : newFields.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(describe() + ": a field name must not be null");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return new Spec(kind, name, rate, count, logger, severity, Collections.unmodifiableMap(copy));
    }

    /** {@return the decorator as in messages: {@code timeit('jobs.nightly')}} */
    String describe() {
        return kind.configName + "('" + name + "')";
    }
}
