package org.metlog.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;

/**
 * Micrometer names as metlog names: meter names keep Micrometer's dotted form ({@code http.server.requests}, as
 * metlog statistics are named), tag keys become field names in the style of metlog-py's keyword arguments
 * ({@code http.method} becomes {@code http_method}), tag values are kept as they are.
 *
 * <p>Characters that would break the line protocols a metlog router forwards to (statsd's
 * {@code name:value|type@rate}) are replaced by {@code _} in names and keys: whitespace, control characters,
 * {@code :}, {@code |}, {@code @} and {@code #}. Stateless and thread-safe; {@link #INSTANCE} is the registry's
 * default.
 */
public final class MetlogNamingConvention implements NamingConvention {
    /** The convention every {@link MetlogMeterRegistry} starts with. */
    public static final MetlogNamingConvention INSTANCE = new MetlogNamingConvention();

    private MetlogNamingConvention() {
    }

    @Override
    public String name(String name, Meter.Type type, String baseUnit) {
        return replace(name, false);
    }

    @Override
    public String tagKey(String key) {
        return replace(key, true);
    }

    @Override
    public String tagValue(String value) {
        return value;
    }

    /** Replaces what a name or key must not hold; returns {@code text} itself when nothing needs replacing. */
    private static String replace(String text, boolean dots) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (breaksLines(c) || (dots && c == '.')) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, '_');
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean breaksLines(char c) {
        return c == ':' || c == '|' || c == '@' || c == '#' || Character.isWhitespace(c) || Character.isISOControl(c)
            || Character.isSpaceChar(c);
    }
}
