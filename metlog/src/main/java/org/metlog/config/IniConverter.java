package org.metlog.config;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.metlog.internal.Quoting;

/**
 * Turns one section of an {@link IniDocument} (and its filter, plugin and sender sections) into the map
 * format, as metlog-py's {@code dict_from_stream_config} does, remembering which section each part came from.
 */
final class IniConverter {
    /** The map and where its parts came from. */
    record Converted(Map<String, Object> map, ConfigOrigin origin) {
    }

    /** Main-section options whose value is a list of names. */
    private static final Set<String> NAME_LISTS = Set.of("disabled_timers", "global_disabled_decorators");
    /** Options, in any section, whose value names one class (or {@code Class#method}). */
    private static final Set<String> CLASS_NAMES = Set.of("sender_class", "sender_formatter", "error_handler",
        "class", "formatter", "provider");

    private IniConverter() {
    }

    /**
     * Converts a section.
     *
     * @param doc     the parsed INI text
     * @param section the main section, such as {@code metlog}
     * @param env     looks up environment variables
     * @return the new, mutable map and its origin
     * @throws ConfigurationException if the section is missing or a value cannot be converted
     */
    static Converted convert(IniDocument doc, String section, Function<String, String> env) {
        if (section == null || section.isEmpty()) {
            throw new ConfigurationException(doc.source() + ": no section named: expected the name of the section"
                + " that configures the client, such as 'metlog'");
        }
        Map<String, String> main = doc.section(section);
        if (main == null) {
            List<String> names = doc.sectionNames();
            throw new MissingSectionException(doc.source() + ": section [" + section + "] not found; "
                + (names.isEmpty() ? "the text has no sections" : "sections present: [" + String.join("], [", names)
                + "]"));
        }
        String where = doc.source() + " [" + section + "]";
        checkClassNames(doc, section);
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, Object> sender = null;
        Map<String, Object> global = null;
        for (Map.Entry<String, String> e : main.entrySet()) {
            String key = e.getKey();
            String raw = e.getValue();
            switch (key) {
                case "fields" -> throw new InvalidOptionException(where + ": option fields = '" + raw + "' cannot be"
                    + " given in INI form: write each default field as NAME = VALUE in a [" + section + "_fields]"
                    + " section");
                case "sender", "global" -> throw new InvalidOptionException(where + ": option " + key + " = '"
                    + raw + "' cannot be given in INI form: write " + key + "_NAME = VALUE for each " + key
                    + " option");
                case "filters", "plugins" -> throw new InvalidOptionException(where + ": option " + key + " = '"
                    + raw + "' cannot be given in INI form: configure each one in its own [" + section + "_"
                    + key.substring(0, key.length() - 1) + "_NAME] section");
                default -> {
                }
            }
            if (key.startsWith("sender_")) {
                if (sender == null) {
                    sender = new LinkedHashMap<>();
                    config.put("sender", sender);
                }
                String option = key.substring("sender_".length());
                sender.put(option, IniValues.convert(raw, env, where, key));
            } else if (key.startsWith("global_")) {
                if (global == null) {
                    global = new LinkedHashMap<>();
                    config.put("global", global);
                }
                global.put(key.substring("global_".length()), value(key, raw, env, where));
            } else {
                config.put(key, value(key, raw, env, where));
            }
        }

        List<Object> filters = new ArrayList<>();
        List<String> filterSections = new ArrayList<>();
        Map<String, Object> plugins = new LinkedHashMap<>();
        Map<String, String> pluginSections = new LinkedHashMap<>();
        Map<String, Object> senders = new LinkedHashMap<>();
        String filterPrefix = section + "_filter";
        String pluginPrefix = section + "_plugin";
        String senderPrefix = section + "_sender_";
        for (String name : doc.sectionNames()) {
            String sectionWhere = doc.source() + " [" + name + "]";
            Map<String, String> values = doc.section(name);
            if (name.startsWith(filterPrefix) || name.startsWith(pluginPrefix) || name.startsWith(senderPrefix)) {
                checkClassNames(doc, name);
            }
            if (name.equals(section + "_fields")) {
                Map<String, Object> fields = new LinkedHashMap<>();
                values.forEach((k, v) -> fields.put(k, IniValues.convert(v, env, sectionWhere, k)));
                config.put("fields", fields);
            } else if (name.startsWith(filterPrefix)) {
                filterSections.add(name);
                filters.add(providerPair(values, env, sectionWhere, "a filter provider, such as"
                    + " metlog.filters.severity_max"));
            } else if (name.startsWith(pluginPrefix)) {
                String label = name.substring(pluginPrefix.length());
                label = label.startsWith("_") ? label.substring(1) : label;
                if (plugins.containsKey(label)) {
                    throw new ConfigurationException(sectionWhere + ": plugin name '" + label + "' is also used by"
                        + " section [" + pluginSections.get(label) + "]");
                }
                pluginSections.put(label, name);
                plugins.put(label, providerPair(values, env, sectionWhere, "a plugin provider (a class implementing "
                    + "org.metlog.PluginProvider)"));
            } else if (name.startsWith(senderPrefix)) {
                Map<String, Object> options = new LinkedHashMap<>();
                for (Map.Entry<String, String> e : values.entrySet()) {
                    options.put(e.getKey(), IniValues.convert(e.getValue(), env, sectionWhere, e.getKey()));
                }
                senders.put(name.substring(senderPrefix.length()), options);
            }
        }
        if (!filters.isEmpty()) {
            config.put("filters", filters);
        }
        if (!plugins.isEmpty()) {
            config.put("plugins", plugins);
        }
        if (!senders.isEmpty()) {
            if (sender == null) {
                sender = new LinkedHashMap<>();
                config.put("sender", sender);
            }
            if (sender.containsKey("senders")) {
                throw new InvalidOptionException(where + ": option sender_senders is given and so are ["
                    + senderPrefix + "NAME] sections; use only the sections");
            }
            sender.put("senders", senders);
        }
        return new Converted(config, ConfigOrigin.ini(doc.source(), section, filterSections, pluginSections));
    }

    /**
     * Refuses a class name continued on an indented line: it would be two names, and every message quoting it
     * several lines. The error names the file and line of the option.
     */
    private static void checkClassNames(IniDocument doc, String section) {
        for (Map.Entry<String, String> e : doc.section(section).entrySet()) {
            String raw = e.getValue();
            int end = raw.indexOf('\n');
            if (end >= 0 && CLASS_NAMES.contains(e.getKey())) {
                String[] lines = raw.split("\n");
                throw new InvalidOptionException(doc.at(section, e.getKey()) + ": [" + section + "] option "
                    + e.getKey() + " = " + Quoting.value(raw.substring(0, end)) + " is continued on "
                    + (lines.length - 1) + " indented line" + (lines.length == 2 ? "" : "s") + " ("
                    + Quoting.value(lines[1]) + (lines.length > 2 ? ", ..." : "") + "): expected one class name on"
                    + " one line (an indented line under an option continues its value)");
            }
        }
    }

    /**
     * Converts a main-section value. Lists of names ({@code disabled_timers}, {@code global_disabled_decorators})
     * are always lists of strings, even with one line, so the map matches the one metlog-py documents
     * ({@code 'disabled_decorators': ['incr_count']}) and a timer called {@code t} is not read as a boolean.
     */
    private static Object value(String key, String raw, Function<String, String> env, String where) {
        return NAME_LISTS.contains(key) ? IniValues.names(raw, env, where, key) : IniValues.convert(raw, env, where,
            key);
    }

    /** Builds a (provider, options) pair from a filter or plugin section. */
    private static List<Object> providerPair(Map<String, String> values, Function<String, String> env,
                                             String where, String example) {
        String provider = values.get("provider");
        if (provider == null || provider.isBlank()) {
            throw new InvalidOptionException(where + ": required option provider is missing: expected " + example);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!e.getKey().equals("provider")) {
                options.put(e.getKey(), IniValues.convert(e.getValue(), env, where, e.getKey()));
            }
        }
        return Arrays.asList(provider.strip(), options);
    }
}
