package org.metlog.config;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.UnknownOptionException;
import org.metlog.spi.Options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.metlog.ClientHolder;
import org.metlog.ExtensionMethod;
import org.metlog.MetlogClient;
import org.metlog.message.Severity;
import org.metlog.spi.Filter;
import org.metlog.internal.Diagnostics;
import org.metlog.spi.Sender;

/**
 * One configuration, validated and with its sender, filters and extension methods built, but not yet applied
 * to any client. Building either succeeds completely or closes what it built and throws; applying then only
 * swaps the client's settings, so a client never ends up half configured.
 */
final class PreparedConfig {
    /** The keys of the map format, in the order they are listed in messages. */
    static final List<String> KEYS = List.of("logger", "severity", "disabled_timers", "prefix", "stats_interval",
        "sender", "filters", "plugins", "global");

    private static final ObjectMapper JSON = new ObjectMapper()
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    /** Names of the extension methods each client got from its last configuration. */
    private static final Map<MetlogClient, Set<String>> CONFIGURED_METHODS =
        Collections.synchronizedMap(new WeakHashMap<>());

    private final String json;
    private final String logger;
    private final int severity;
    private final List<String> disabledTimers;
    private final String prefix;
    private final Duration statsInterval;
    private final Map<String, Object> global;
    private final Sender sender;
    private final List<Filter> filters;
    private final List<Plugin> plugins;

    /** An extension method to bind: its name, whether it may replace one already bound, where it came from. */
    private record Plugin(String name, ExtensionMethod method, boolean override, String where) {
    }

    private PreparedConfig(String json, String logger, int severity, List<String> disabledTimers, String prefix,
                           Duration statsInterval, Map<String, Object> global, Sender sender, List<Filter> filters,
                           List<Plugin> plugins) {
        this.json = json;
        this.logger = logger;
        this.severity = severity;
        this.disabledTimers = disabledTimers;
        this.prefix = prefix;
        this.statsInterval = statsInterval;
        this.global = global;
        this.sender = sender;
        this.filters = filters;
        this.plugins = plugins;
    }

    /** @return the default logger the configuration sets */
    String logger() {
        return logger;
    }

    /**
     * Validates a configuration map and builds its sender, filters and extension methods. The map is not
     * modified.
     *
     * @param input  the map format
     * @param origin where the map came from, for messages
     * @return the prepared configuration
     * @throws ConfigurationException if anything is wrong; whatever was built is closed first
     */
    static PreparedConfig build(Map<String, ?> input, ConfigOrigin origin) {
        if (input == null) {
            throw new ConfigurationException(origin.where() + ": no configuration given (null)");
        }
        String json = toJson(input);
        Map<String, Object> config = nest(Values.copyMap(input, origin.where()), origin);
        checkKeys(config, origin);
        Options top = Options.of(config, origin.where(), "");
        String logger = top.string("logger", "");
        int severity = top.integer("severity", Severity.INFORMATIONAL, 0, 7);
        List<String> disabledTimers = top.strings("disabled_timers", List.of());
        String prefix = top.string("prefix", "");
        Duration statsInterval = statsInterval(top);
        Map<String, Object> global = top.map("global");

        Map<String, Object> senderConfig = new LinkedHashMap<>(top.map("sender"));
        Object className = senderConfig.remove("class");
        if (className == null || className.toString().isBlank()) {
            throw new InvalidOptionException(origin.where() + ": required option " + origin.senderKey("class")
                + " is missing: expected the sender's class name, such as metlog.senders.dev.StdoutSender or "
                + "org.metlog.senders.FileSender");
        }
        if (!(className instanceof String senderClass)) {
            throw new InvalidOptionException(origin.where() + ": option " + origin.senderKey("class") + " = "
                + className + ": expected a class name");
        }
        Object args = senderConfig.remove("args");
        List<?> senderArgs = args == null ? List.of() : args instanceof List<?> list ? list : List.of(args);

        List<Map.Entry<String, Map<String, Object>>> filterSpecs = pairs(top.raw("filters"), origin, "filters");
        Map<String, Map.Entry<String, Map<String, Object>>> pluginSpecs = pluginPairs(top.raw("plugins"), origin);

        List<AutoCloseable> built = new ArrayList<>();
        try {
            Sender sender = Components.sender(senderClass, Options.of(senderConfig, origin.sender(senderClass),
                origin.senderOptionPrefix()).withArgs(senderArgs));
            built.add(sender);
            List<Filter> filters = new ArrayList<>();
            for (int i = 0; i < filterSpecs.size(); i++) {
                String provider = filterSpecs.get(i).getKey();
                Filter filter = Components.filter(provider, Options.of(filterSpecs.get(i).getValue(),
                    origin.filter(i) + " filter " + provider, ""));
                collect(built, filter);
                filters.add(filter);
            }
            List<Plugin> plugins = buildPlugins(pluginSpecs, origin, built);
            return new PreparedConfig(json, logger, severity, disabledTimers, prefix, statsInterval, global, sender,
                Collections.unmodifiableList(filters), plugins);
        } catch (RuntimeException | Error e) {
            closeAll(built, e);
            throw e;
        }
    }

    private static List<Plugin> buildPlugins(Map<String, Map.Entry<String, Map<String, Object>>> specs,
                                             ConfigOrigin origin, List<AutoCloseable> built) {
        List<Plugin> plugins = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Map.Entry<String, Map<String, Object>>> spec : specs.entrySet()) {
            String where = origin.plugin(spec.getKey());
            String provider = spec.getValue().getKey();
            Map<String, Object> options = new LinkedHashMap<>(spec.getValue().getValue());
            Object override = options.remove("override");
            ExtensionMethod method = Components.plugin(provider, Options.of(options, where + " plugin " + provider,
                ""));
            collect(built, method);
            String name = method.name() != null && !method.name().isEmpty() ? method.name() : spec.getKey();
            boolean replace;
            if (override == null || override instanceof Boolean) {
                replace = Boolean.TRUE.equals(override);
            } else if (override instanceof String s && !s.isBlank() && !isBooleanWord(s)) {
                name = s.strip();
                replace = true;
            } else if (override instanceof String || override instanceof Integer i && (i == 0 || i == 1)) {
                replace = Options.of(Map.of("override", override), where, "").bool("override", false);
            } else {
                throw new InvalidOptionException(where + ": option override = " + describe(override)
                    + ": expected true, false or the name of the method the plugin may replace");
            }
            if (name.isEmpty()) {
                throw new ConfigurationException(where + ": the plugin has no name: its provider " + provider
                    + " gives none, so name it by its section or map key");
            }
            if (MetlogClient.isBuiltInMethod(name)) {
                throw new ConfigurationException(where + ": plugin " + provider + " would bind method '" + name
                    + "', which is a built-in method of MetlogClient and cannot be replaced");
            }
            String earlier = seen.putIfAbsent(name, where);
            if (earlier != null) {
                throw new ConfigurationException(where + ": plugin " + provider + " would bind method '" + name
                    + "', which " + earlier + " binds too");
            }
            plugins.add(new Plugin(name, method, replace, where));
        }
        return Collections.unmodifiableList(plugins);
    }

    private static boolean isBooleanWord(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "on", "1", "false", "f", "no", "off", "0" -> true;
            default -> false;
        };
    }

    /**
     * Applies the configuration: to a new client if {@code existing} is null, else to {@code existing} in place.
     * On failure nothing has changed and the caller must {@link #discard()}.
     *
     * @param existing    the client to reconfigure, or null
     * @param clearGlobal true to empty the holder's global configuration before adding this one's
     * @return the configured client
     * @throws ConfigurationException if an extension method's name is already bound to {@code existing} and the
     *                                configuration may not replace it
     */
    MetlogClient apply(MetlogClient existing, boolean clearGlobal) {
        MetlogClient.Builder builder = MetlogClient.builder().sender(sender).logger(logger).severity(severity)
            .disabledTimers(disabledTimers).filters(filters).prefix(prefix).statsInterval(statsInterval)
            .configJson(json);
        MetlogClient client;
        if (existing == null) {
            client = builder.build();
            bind(client, Set.of());
        } else {
            client = existing;
            synchronized (existing) {
                Set<String> previous = CONFIGURED_METHODS.getOrDefault(existing, Set.of());
                check(existing, previous);
                bind(existing, previous);
                builder.configure(existing);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (Plugin plugin : plugins) {
            names.add(plugin.name);
        }
        CONFIGURED_METHODS.put(client, Collections.unmodifiableSet(names));
        if (clearGlobal) {
            ClientHolder.clearGlobal();
        }
        ClientHolder.updateGlobal(global);
        return client;
    }

    /**
     * Checks that every extension method can be bound to {@code client} now.
     *
     * @param client the client to be reconfigured
     * @throws ConfigurationException if a method name is taken and may not be replaced
     */
    void check(MetlogClient client) {
        check(client, CONFIGURED_METHODS.getOrDefault(client, Set.of()));
    }

    /**
     * Checks that every extension method can be bound to {@code client}: its name is free, or was bound by the
     * client's previous configuration, or the configuration says it may replace it.
     */
    private void check(MetlogClient client, Set<String> previous) {
        for (Plugin plugin : plugins) {
            if (client.hasMethod(plugin.name) && !plugin.override && !previous.contains(plugin.name)) {
                throw new ConfigurationException(plugin.where + ": method '" + plugin.name + "' is already bound"
                    + " to client '" + client.logger() + "'; set override = " + plugin.name + " (or true) in"
                    + " the plugin's configuration to replace it");
            }
        }
    }

    /** Binds the methods; methods of the previous configuration that this one lacks are unbound. */
    private void bind(MetlogClient client, Set<String> previous) {
        List<String> added = new ArrayList<>();
        try {
            for (Plugin plugin : plugins) {
                boolean replace = plugin.override || previous.contains(plugin.name);
                if (!replace) {
                    client.addMethod(plugin.name, plugin.method, false);
                    added.add(plugin.name);
                }
            }
        } catch (IllegalArgumentException raced) {
            added.forEach(client::removeMethod);
            throw new ConfigurationException("binding an extension method failed: " + raced.getMessage(), raced);
        }
        Set<String> now = new LinkedHashSet<>();
        for (Plugin plugin : plugins) {
            now.add(plugin.name);
            if (plugin.override || previous.contains(plugin.name)) {
                client.addMethod(plugin.name, plugin.method, true);
            }
        }
        for (String name : previous) {
            if (!now.contains(name)) {
                client.removeMethod(name);
            }
        }
    }

    /** Closes everything built: the configuration will not be used. */
    void discard() {
        List<AutoCloseable> built = new ArrayList<>();
        built.add(sender);
        filters.forEach(f -> collect(built, f));
        plugins.forEach(p -> collect(built, p.method));
        closeAll(built, null);
    }

    private static void collect(List<AutoCloseable> built, Object component) {
        if (component instanceof AutoCloseable closeable) {
            built.add(closeable);
        }
    }

    private static void closeAll(List<AutoCloseable> built, Throwable primary) {
        for (int i = built.size() - 1; i >= 0; i--) {
            try {
                built.get(i).close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    Diagnostics.warn("closing " + built.get(i).getClass().getName() + " failed", e);
                }
            }
        }
    }

    /** Moves top-level {@code sender_*} and {@code global_*} keys into {@code sender} and {@code global}. */
    private static Map<String, Object> nest(Map<String, Object> config, ConfigOrigin origin) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> sender = null;
        Map<String, Object> global = null;
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("sender_") || key.startsWith("global_")) {
                continue;
            }
            out.put(key, e.getValue());
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

    private static void checkKeys(Map<String, Object> config, ConfigOrigin origin) {
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(KEYS);
        if (unknown.isEmpty()) {
            return;
        }
        List<String> shown = new ArrayList<>();
        for (String key : unknown) {
            Object value = config.get(key);
            shown.add(key + " = " + (value instanceof String ? "'" + value + "'" : value));
        }
        String accepted = origin.isIni()
            ? "logger, severity, disabled_timers, prefix, stats_interval, sender_*, global_* (filters and plugins go in "
                + origin.sectionPattern("filter") + " and " + origin.sectionPattern("plugin") + " sections)"
            : String.join(", ", KEYS) + ", sender_*, global_*";
        throw new UnknownOptionException(origin.where() + ": unknown option" + (unknown.size() > 1 ? "s " : " ")
            + String.join(", ", shown) + "; accepted options: " + accepted);
    }

    /** Reads {@code stats_interval}: seconds (fractions allowed) between self-counting messages; 0 or absent: off. */
    private static Duration statsInterval(Options top) {
        double seconds = top.decimal("stats_interval", 0);
        if (seconds == 0) {
            return Duration.ZERO;
        }
        if (seconds < 0.001 || seconds > 86_400) {
            throw top.invalid("stats_interval", top.raw("stats_interval"),
                "seconds between stats messages, from 0.001 to 86400, or 0 for none");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** Reads the {@code filters} list: (provider, options) pairs. */
    private static List<Map.Entry<String, Map<String, Object>>> pairs(Object value, ConfigOrigin origin,
                                                                      String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidOptionException(origin.where() + ": option " + key + " = " + value
                + ": expected a list of [provider, options] pairs");
        }
        List<Map.Entry<String, Map<String, Object>>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(pair(list.get(i), origin.filter(i)));
        }
        return out;
    }

    private static Map<String, Map.Entry<String, Map<String, Object>>> pluginPairs(Object value,
                                                                                   ConfigOrigin origin) {
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

    private static String describe(Object item) {
        return item instanceof String ? "'" + item + "'" : String.valueOf(item);
    }

    private static String toJson(Map<String, ?> input) {
        try {
            return JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            try {
                return JSON.writeValueAsString(String.valueOf(input));
            } catch (JsonProcessingException impossible) {
                return null;
            }
        }
    }

    /** Deep copies of configuration values, so that nothing built from them can change the caller's map. */
    static final class Values {
        private Values() {
        }

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

        static Object copy(Object value, String where) {
            if (value instanceof Map<?, ?> map) {
                return copyMap(map, where);
            }
            if (value instanceof Map.Entry<?, ?> entry) {
                return Collections.unmodifiableList(java.util.Arrays.asList(copy(entry.getKey(), where),
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
                return copy(java.util.Arrays.asList(array), where);
            }
            return value;
        }
    }
}
