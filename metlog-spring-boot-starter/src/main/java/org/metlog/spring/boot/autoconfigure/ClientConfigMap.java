package org.metlog.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code metlog.*} property tree into the library's map format, key for key as the INI form would be
 * written, so that the loader validates it (and words its errors) as it does INI: {@code sender.class} becomes
 * {@code sender_class}, {@code sender.<option>} {@code sender_<option>}, {@code global.<name>}
 * {@code global_<name>}, each {@code filter.<label>} (INI's {@code [metlog_filter_<label>]}) one entry of
 * {@code filters} in the order written, each {@code plugin.<name>} (INI's {@code [metlog_plugin_<name>]}) one
 * entry of {@code plugins}. Option names are relaxed as Spring's are: {@code queue-length}, {@code queueLength}
 * and {@code queue_length} are all {@code queue_length}. Any other key is passed on as it is, for the loader to
 * reject by name.
 */
final class ClientConfigMap {
    /** The starter's own keys ({@link MetlogProperties}), never passed to the loader. */
    static final Set<String> STARTER_KEYS = Set.of("config_location", "section", "metrics");

    private ClientConfigMap() {
    }

    /**
     * Converts the tree.
     *
     * @param tree {@link PropertyTree#read}'s result
     * @return the map format; empty if the tree holds only the starter's keys
     */
    static Map<String, Object> of(Map<String, Object> tree) {
        Map<String, Object> config = new LinkedHashMap<>();
        List<Object> filters = new ArrayList<>();
        Map<String, Object> plugins = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            String key = option(e.getKey());
            Object value = e.getValue();
            if (STARTER_KEYS.contains(key)) {
                continue;
            }
            if ((key.equals("sender") || key.equals("global")) && value instanceof Map<?, ?> options) {
                options.forEach((k, v) -> config.put(key + "_" + option(k.toString()), relaxed(v)));
            } else if (key.equals("filter") && value instanceof Map<?, ?> sections) {
                sections.values().forEach(v -> filters.add(providerPair(v)));
            } else if (key.equals("plugin") && value instanceof Map<?, ?> sections) {
                sections.forEach((name, v) -> plugins.put(name.toString(), providerPair(v)));
            } else {
                config.put(key, relaxed(value));
            }
        }
        if (!filters.isEmpty()) {
            config.put("filters", filters);
        }
        if (!plugins.isEmpty()) {
            config.put("plugins", plugins);
        }
        return config;
    }

    /** {@return {@code element} as an INI option name: lower case, words joined by underscores} */
    static String option(String element) {
        StringBuilder out = new StringBuilder(element.length() + 4);
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '-') {
                out.append('_');
            } else if (Character.isUpperCase(c)) {
                if (i > 0 && element.charAt(i - 1) != '-' && element.charAt(i - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** A filter or plugin section: {@code provider} and its options, as INI's sections become. */
    private static List<Object> providerPair(Object section) {
        if (!(section instanceof Map<?, ?> values)) {
            return Arrays.asList(section, null);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        Object provider = null;
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String name = option(e.getKey().toString());
            if (name.equals("provider")) {
                provider = e.getValue();
            } else {
                options.put(name, relaxed(e.getValue()));
            }
        }
        return Arrays.asList(provider, options);
    }

    private static Object relaxed(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(option(k.toString()), relaxed(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ClientConfigMap::relaxed).toList();
        }
        return value;
    }
}
