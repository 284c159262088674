package org.metlog.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.metlog.internal.Quoting;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.UnknownOptionException;

/**
 * The shape of the map format: its keys, the nesting of top-level {@code sender_*} and {@code global_*} keys,
 * and the {@code [provider, options]} pairs of filters and plugins. Only reads and checks; builds nothing.
 */
final class ConfigShape {
    /** The keys of the map format, in the order they are listed in messages. */
    static final List<String> KEYS = List.of("logger", "severity", "disabled_timers", "prefix", "stats_interval",
        "error_handler", "sender", "filters", "plugins", "global", "fields");

    private ConfigShape() {
    }

    /**
     * Moves top-level {@code sender_*} and {@code global_*} keys into {@code sender} and {@code global}.
     *
     * @param config the map format
     * @param origin where it came from, for messages
     * @return a new map
     * @throws InvalidOptionException if {@code sender} or {@code global} is given but is not a map
     */
    static Map<String, Object> nest(Map<String, Object> config, ConfigOrigin origin) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> sender = null;
        Map<String, Object> global = null;
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("sender_") && !key.startsWith("global_")) {
                out.put(key, e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("sender_")) {
                sender = sender != null ? sender : nested(out, "sender", origin);
                sender.put(key.substring("sender_".length()), e.getValue());
            } else if (key.startsWith("global_")) {
                global = global != null ? global : nested(out, "global", origin);
                global.put(key.substring("global_".length()), e.getValue());
            }
        }
        return out;
    }

    private static Map<String, Object> nested(Map<String, Object> out, String key, ConfigOrigin origin) {
        Object present = out.get(key);
        Map<String, Object> copy = new LinkedHashMap<>();
        if (present instanceof Map<?, ?> m) {
            m.forEach((k, v) -> copy.put((String) k, v));
        } else if (present != null) {
            throw new InvalidOptionException(origin.where() + ": option " + key + " = " + present
                + ": expected a nested set of options");
        }
        out.put(key, copy);
        return copy;
    }

    /**
     * Rejects keys the map format does not have.
     *
     * @param config the nested map format
     * @param origin where it came from, for messages
     * @throws UnknownOptionException naming the unknown keys and listing the accepted ones
     */
    static void checkKeys(Map<String, Object> config, ConfigOrigin origin) {
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(KEYS);
        if (unknown.isEmpty()) {
            return;
        }
        List<String> shown = new ArrayList<>();
        for (String key : unknown) {
            Object value = config.get(key);
            shown.add(Quoting.cap(key) + " = " + Quoting.value(value));
        }
        String accepted = origin.isIni()
            ? "logger, severity, disabled_timers, prefix, stats_interval, error_handler, sender_*, global_* (filters"
                + " and plugins go in " + origin.sectionPattern("filter") + " and " + origin.sectionPattern("plugin")
                + " sections, default fields in " + origin.fieldsSection() + ")"
            : String.join(", ", KEYS) + ", sender_*, global_*";
        throw new UnknownOptionException(origin.where() + ": unknown option" + (unknown.size() > 1 ? "s " : " ")
            + Quoting.join(shown, ", ") + "; accepted options: " + accepted);
    }

    /**
     * Reads the {@code filters} list: (provider, options) pairs.
     *
     * @param value  the value of {@code filters}, or null
     * @param origin where it came from, for messages
     * @return the pairs, in order
     * @throws InvalidOptionException if it is not a list of pairs
     */
    static List<Map.Entry<String, Map<String, Object>>> filterPairs(Object value, ConfigOrigin origin) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidOptionException(origin.where() + ": option filters = " + value
                + ": expected a list of [provider, options] pairs");
        }
        List<Map.Entry<String, Map<String, Object>>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(pair(list.get(i), origin.filter(i)));
        }
        return out;
    }

    /**
     * Reads the {@code plugins} map: method name to a (provider, options) pair.
     *
     * @param value  the value of {@code plugins}, or null
     * @param origin where it came from, for messages
     * @return the pairs by name, in order
     * @throws InvalidOptionException if it is not a map of pairs
     */
    static Map<String, Map.Entry<String, Map<String, Object>>> pluginPairs(Object value, ConfigOrigin origin) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidOptionException(origin.where() + ": option plugins = " + value
                + ": expected a map from method name to a [provider, options] pair");
        }
        Map<String, Map.Entry<String, Map<String, Object>>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            out.put(name, pair(e.getValue(), origin.plugin(name)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map.Entry<String, Map<String, Object>> pair(Object item, String where) {
        if (item instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String provider
            && !provider.isBlank() && (pair.get(1) == null || pair.get(1) instanceof Map<?, ?>)) {
            Map<String, Object> options = pair.get(1) == null ? Map.of() : (Map<String, Object>) pair.get(1);
            return Map.entry(provider.strip(), options);
        }
        throw new InvalidOptionException(where + ": " + describe(item) + ": expected a [provider, options] pair"
            + " such as [\"metlog.filters.severity_max\", {\"severity\": 4}]");
    }

    /**
     * Shows a value in a message: strings quoted, others as they print.
     *
     * @param item the value
     * @return its text
     */
    static String describe(Object item) {
        return Quoting.value(item);
    }
}
