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
import org.metlog.PluginProvider;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;

/**
 * The extension methods of one configuration and how they are bound to a client. Preparing a configuration
 * finds each plugin's provider and reads its {@code override}; the methods themselves are built for the client
 * they are bound to ({@link PluginProvider#create(MetlogClient, Options)}), once, before that client changes.
 * Binding then replaces or unbinds a method bound by the client's previous configuration, and replaces a method
 * bound in code only if the plugin's {@code override} allows it. Used by one thread at a time.
 */
final class PluginBinding {
    /** A plugin as configured: its provider and options, the name {@code override} gives it (or null). */
    private record Spec(String label, String providerName, PluginProvider provider, Map<String, Object> values,
                        String overrideName, boolean override, String where) {
    }

    /** An extension method to bind: its name, whether it may replace one already bound, where it came from. */
    private record Plugin(String name, ExtensionMethod method, boolean override, String where) {
    }

    private final List<Spec> specs;
    private final UnaryOperator<Options> options;
    private MetlogClient builtFor;
    private List<Plugin> plugins = List.of();

    private PluginBinding(List<Spec> specs, UnaryOperator<Options> options) {
        this.specs = specs;
        this.options = options;
    }

    /**
     * Finds the providers of the {@code plugins} specs and checks their {@code override} options.
     *
     * @param specs   method name (section suffix or map key) to its provider and options
     * @param origin  where the configuration came from, for messages
     * @param options adds what the loader passes to every component (such as the error handler)
     * @return the plugins, not yet built
     * @throws ConfigurationException if a provider is unknown or an {@code override} is wrong
     */
    static PluginBinding build(Map<String, Map.Entry<String, Map<String, Object>>> specs, ConfigOrigin origin,
                               UnaryOperator<Options> options) {
        List<Spec> found = new ArrayList<>();
        for (Map.Entry<String, Map.Entry<String, Map<String, Object>>> spec : specs.entrySet()) {
            String where = origin.plugin(spec.getKey());
            String providerName = spec.getValue().getKey();
            Map<String, Object> values = new LinkedHashMap<>(spec.getValue().getValue());
            Object override = values.remove("override");
            PluginProvider provider = Components.pluginProvider(providerName, where + " plugin " + providerName);
            String overrideName = null;
            boolean replace;
            if (override == null || override instanceof Boolean) {
                replace = Boolean.TRUE.equals(override);
            } else if (override instanceof String s && !s.isBlank() && !isBooleanWord(s)) {
                overrideName = s.strip();
                replace = true;
            } else if (override instanceof String || override instanceof Integer i && (i == 0 || i == 1)) {
                replace = Options.of(Map.of("override", override), where, "").bool("override", false);
            } else {
                throw new InvalidOptionException(where + ": option override = " + ConfigShape.describe(override)
                    + ": expected true, false or the name of the method the plugin may replace");
            }
            found.add(new Spec(spec.getKey(), providerName, provider, values, overrideName, replace, where));
        }
        return new PluginBinding(Collections.unmodifiableList(found), options);
    }

    /**
     * Builds the methods for {@code client} unless they were built for it already, and checks their names.
     *
     * @throws ConfigurationException if a provider fails or an option is bad, a method has no usable name, or two
     *                                bind one name; the methods built so far are closed then
     */
    private List<Plugin> builtFor(MetlogClient client) {
        if (builtFor == client) {
            return plugins;
        }
        closeBuilt();
        List<ExtensionMethod> made = new ArrayList<>();
        List<Plugin> built = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        try {
            for (Spec spec : specs) {
                Options opts = options.apply(Options.of(spec.values, spec.where + " plugin " + spec.providerName,
                    ""));
                ExtensionMethod method = spec.provider.create(client, opts);
                if (method == null) {
                    throw new ConfigurationException("'" + spec.providerName + "' returned no plugin");
                }
                made.add(method);
                opts.checkAllUsed();
                String name = spec.overrideName != null ? spec.overrideName
                    : method.name() != null && !method.name().isEmpty() ? method.name() : spec.label;
                checkName(spec, name, seen);
                built.add(new Plugin(name, method, spec.override, spec.where));
            }
        } catch (RuntimeException | Error e) {
            close(made, e);
            throw e;
        }
        builtFor = client;
        plugins = Collections.unmodifiableList(built);
        return plugins;
    }

    private static void checkName(Spec spec, String name, Map<String, String> seen) {
        if (name.isEmpty()) {
            throw new ConfigurationException(spec.where + ": the plugin has no name: its provider "
                + spec.providerName + " gives none, so name it by its section or map key");
        }
        if (MetlogClient.isBuiltInMethod(name)) {
            throw new ConfigurationException(spec.where + ": plugin " + spec.providerName + " would bind method '"
                + name + "', which is a built-in method of MetlogClient and cannot be replaced");
        }
        String earlier = seen.putIfAbsent(name, spec.where);
        if (earlier != null) {
            throw new ConfigurationException(spec.where + ": plugin " + spec.providerName + " would bind method '"
                + name + "', which " + earlier + " binds too");
        }
    }

    private static boolean isBooleanWord(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "on", "1", "false", "f", "no", "off", "0" -> true;
            default -> false;
        };
    }

    /** {@return the names the methods built last are bound under, in configuration order} */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Plugin plugin : plugins) {
            names.add(plugin.name);
        }
        return Collections.unmodifiableSet(names);
    }

    /** Closes the methods built last that are {@link AutoCloseable}: the configuration will not be used. */
    void closeBuilt() {
        List<ExtensionMethod> methods = new ArrayList<>();
        plugins.forEach(p -> methods.add(p.method));
        close(methods, null);
        plugins = List.of();
        builtFor = null;
    }

    private static void close(List<ExtensionMethod> built, Throwable primary) {
        for (int i = built.size() - 1; i >= 0; i--) {
            if (built.get(i) instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    if (primary != null) {
                        primary.addSuppressed(e);
                    }
                }
            }
        }
    }

    /**
     * Builds the methods for {@code client} (see {@link PluginProvider#create}) and checks that each can be bound
     * to it: its name is free, or was bound by the client's previous configuration, or the plugin may replace it.
     *
     * @param client   the client to be reconfigured
     * @param previous the names its previous configuration bound
     * @throws ConfigurationException if a method cannot be built, or a name is taken and may not be replaced
     */
    void check(MetlogClient client, Set<String> previous) {
        for (Plugin plugin : builtFor(client)) {
            if (client.hasMethod(plugin.name) && !plugin.override && !previous.contains(plugin.name)) {
                throw new ConfigurationException(plugin.where + ": method '" + plugin.name + "' is already bound"
                    + " to client '" + client.logger() + "'; set override = " + plugin.name + " (or true) in"
                    + " the plugin's configuration to replace it");
            }
        }
    }

    /**
     * Binds the methods built for {@code client} (building them first if {@link #check} did not); methods of the
     * previous configuration that this one lacks are unbound.
     *
     * @param client   the client
     * @param previous the names its previous configuration bound
     * @throws ConfigurationException if a method cannot be built, or another thread bound one of the names
     *                                meanwhile; nothing is bound then
     */
    void bind(MetlogClient client, Set<String> previous) {
        List<Plugin> plugins = builtFor(client);
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
