package org.metlog.filters;
import org.metlog.spi.Filter;
import org.metlog.spi.FilterProvider;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;

/**
 * Provider of {@link Filter#typeSeverityMax} (metlog-py's {@code metlog.filters.type_severity_max_provider}).
 *
 * <p>In the Map form the option {@code types} maps each message type to {@code {severity: N}} (metlog-py's
 * shape) or directly to {@code N}. INI files cannot nest, so there each type gets a flat option
 * {@code <type>_severity = N}; both forms may be combined.
 */
public final class TypeSeverityMaxProvider implements FilterProvider {
    private static final String SUFFIX = "_severity";

    /** Creates the provider. */
    public TypeSeverityMaxProvider() {
    }

    @Override
    public Filter create(Options options) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : options.map("types").entrySet()) {
            Object limit = e.getValue() instanceof Map<?, ?> nested ? nested.get("severity") : e.getValue();
            limits.put(e.getKey(), severity(options, "types." + e.getKey(), limit));
        }
        for (String key : options.keys()) {
            if (key.endsWith(SUFFIX) && key.length() > SUFFIX.length()) {
                limits.put(key.substring(0, key.length() - SUFFIX.length()), options.integer(key, 0, 0, 7));
            }
        }
        if (limits.isEmpty()) {
            throw options.missing("types", "a map of message type to {severity: N}, or options <type>_severity = N");
        }
        return Filter.typeSeverityMax(limits);
    }

    private static int severity(Options options, String key, Object value) {
        Object v = value instanceof CharSequence s ? s.toString().trim() : value;
        try {
            int severity = v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v));
            if (severity >= 0 && severity <= 7) {
                return severity;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        InvalidOptionException error = options.invalid(key, value, "a severity from 0 to 7");
        throw error;
    }
}
