package org.metlog.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.metlog.ExtensionMethod;
import org.metlog.MetlogClient;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;

/**
 * The extension methods of one configuration, built and named, and how they are bound to a client: a method
 * bound by the client's previous configuration is replaced or unbound, a method bound in code only replaced if
 * the plugin's {@code override} allows it.
 */
final class PluginBinding {
    /** An extension method to bind: its name, whether it may replace one already bound, where it came from. */
    private record Plugin(String name, ExtensionMethod method, boolean override, String where) {
    }

    private final List<Plugin> plugins;

    private PluginBinding(List<Plugin> plugins) {
        this.plugins = plugins;
    }

    /**
     * Builds the extension methods of the {@code plugins} specs.
     *
     * @param specs   method name (section suffix or map key) to its provider and options
     * @param origin  where the configuration came from, for messages
     * @param built   receives every built method that must be closed if the configuration is discarded
     * @param options adds what the loader passes to every component (such as the error handler)
     * @return the methods
     * @throws ConfigurationException if a plugin is wrong or two bind one name
     */
    static PluginBinding build(Map<String, Map.Entry<String, Map<String, Object>>> specs, ConfigOrigin origin,
                               List<AutoCloseable> built, UnaryOperator<Options> options) {
        List<Plugin> plugins = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Map.Entry<String, Map<String, Object>>> spec : specs.entrySet()) {
            String where = origin.plugin(spec.getKey());
            String provider = spec.getValue().getKey();
            Map<String, Object> values = new LinkedHashMap<>(spec.getValue().getValue());
            Object override = values.remove("override");
            ExtensionMethod method = Components.plugin(provider, options.apply(Options.of(values,
                where + " plugin " + provider, "")));
            if (method instanceof AutoCloseable closeable) {
                built.add(closeable);
            }
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
                throw new InvalidOptionException(where + ": option override = " + ConfigShape.describe(override)
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
        return new PluginBinding(Collections.unmodifiableList(plugins));
    }

    private static boolean isBooleanWord(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "on", "1", "false", "f", "no", "off", "0" -> true;
            default -> false;
        };
    }

    /** @return the names the methods are bound under, in configuration order */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Plugin plugin : plugins) {
            names.add(plugin.name);
        }
        return Collections.unmodifiableSet(names);
    }

    /** @return the built methods, in configuration order */
    List<ExtensionMethod> methods() {
        List<ExtensionMethod> methods = new ArrayList<>();
        plugins.forEach(p -> methods.add(p.method));
        return methods;
    }

    /**
     * Checks that every method can be bound to {@code client}: its name is free, or was bound by the client's
     * previous configuration, or the plugin may replace it.
     *
     * @param client   the client to be reconfigured
     * @param previous the names its previous configuration bound
     * @throws ConfigurationException if a name is taken and may not be replaced
     */
    void check(MetlogClient client, Set<String> previous) {
        for (Plugin plugin : plugins) {
            if (client.hasMethod(plugin.name) && !plugin.override && !previous.contains(plugin.name)) {
                throw new ConfigurationException(plugin.where + ": method '" + plugin.name + "' is already bound"
                    + " to client '" + client.logger() + "'; set override = " + plugin.name + " (or true) in"
                    + " the plugin's configuration to replace it");
            }
        }
    }

    /**
     * Binds the methods; methods of the previous configuration that this one lacks are unbound.
     *
     * @param client   the client
     * @param previous the names its previous configuration bound
     * @throws ConfigurationException if another thread bound one of the names meanwhile; nothing is bound then
     */
    void bind(MetlogClient client, Set<String> previous) {
        List<String> added = new ArrayList<>();
        try {
            for (Plugin plugin : plugins) {
                if (!plugin.override && !previous.contains(plugin.name)) {
                    client.addMethod(plugin.name, plugin.method, false);
                    added.add(plugin.name);
                }
            }
        } catch (IllegalArgumentException raced) {
            added.forEach(client::removeMethod);
            throw new ConfigurationException("binding an extension method failed: " + raced.getMessage(), raced);
        }
        Set<String> now = names();
        for (Plugin plugin : plugins) {
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
}
