package org.metlog.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.metlog.ClientRegistry;
import org.metlog.MetlogClient;
import org.metlog.spi.ConfigurationException;

/**
 * Configures the named clients of a {@link ClientRegistry}: several INI sections at once, all or nothing, or one
 * client from the map format. Reaches clients only through the registry it is given.
 */
final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * Configures one registry client per section, all or nothing: every section is validated and built, and
     * every client checked (a new one is created unconfigured first, so that its extension methods are built
     * for it), before any client's setup is changed.
     *
     * @param doc      the INI document
     * @param registry the registry
     * @param sections the sections, in order; empty means {@code metlog}
     * @return section name to its configured client, in the order given
     * @throws ConfigurationException if any section is incomplete or wrong; then no client has changed
     */
    static Map<String, MetlogClient> sections(IniDocument doc, ClientRegistry registry, String... sections) {
        Objects.requireNonNull(registry, "registry");
        List<String> names = sections == null || sections.length == 0 ? List.of("metlog") : List.of(sections);
        Map<String, PreparedConfig> prepared = new LinkedHashMap<>();
        Map<String, String> clientNames = new LinkedHashMap<>();
        Map<String, MetlogClient> targets = new LinkedHashMap<>();
        try {
            for (String section : names) {
                if (prepared.containsKey(section)) {
                    throw new ConfigurationException(doc.source() + ": section [" + section + "] is listed twice");
                }
                IniConverter.Converted converted = IniConverter.convert(doc, section, System::getenv);
                Map<String, Object> config = converted.map();
                Object logger = config.get("logger");
                String name = logger == null || logger.toString().isEmpty() ? section : logger.toString();
                if (clientNames.containsValue(name)) {
                    throw new ConfigurationException(doc.source() + " [" + section + "]: client '" + name
                        + "' is also configured by another of the sections " + names);
                }
                if (logger == null || logger.toString().isEmpty()) {
                    config.put("logger", section);
                }
                prepared.put(section, PreparedConfig.build(config, converted.origin()));
                clientNames.put(section, name);
            }
            for (Map.Entry<String, PreparedConfig> e : prepared.entrySet()) {
                // every client exists (unconfigured if new) before the checks, so that each one's plugins are
                // built for it now and a failing one leaves every client as it was
                String name = clientNames.get(e.getKey());
                MetlogClient existing = registry.peek(name);
                MetlogClient client = existing != null ? existing : registry.getOrCreate(name);
                targets.put(e.getKey(), client);
                e.getValue().check(client, registry);
            }
        } catch (RuntimeException | Error e) {
            prepared.values().forEach(PreparedConfig::discard);
            throw e;
        }
        Map<String, MetlogClient> clients = new LinkedHashMap<>();
        List<PreparedConfig> pending = new ArrayList<>(prepared.values());
        for (Map.Entry<String, PreparedConfig> e : prepared.entrySet()) {
            pending.remove(e.getValue());
            try {
                clients.put(e.getKey(), e.getValue().applyOrDiscard(targets.get(e.getKey()), registry, false));
            } catch (RuntimeException | Error failure) {
                pending.forEach(PreparedConfig::discard);
                throw failure;
            }
        }
        return Collections.unmodifiableMap(clients);
    }

    /**
     * Returns the registry's client named {@code name} (creating it unconfigured if need be) and configures it
     * in place from the map format, whose {@code logger} must be the name or be left out.
     *
     * @param name     the client name
     * @param config   the map format; null or empty configures nothing; not modified
     * @param registry the registry
     * @return the client
     * @throws ConfigurationException if the logger differs from the name or the configuration is wrong; the
     *                                client then keeps its previous setup
     */
    static MetlogClient named(String name, Map<String, ?> config, ClientRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        MetlogClient client = registry.getOrCreate(name);
        if (config == null || config.isEmpty()) {
            return client;
        }
        Object logger = config.get("logger");
        boolean unnamed = logger == null || logger.toString().isEmpty();
        if (!unnamed && !logger.toString().equals(name)) {
            throw new ConfigurationException("configuration map for client '" + name + "': option logger = '"
                + logger + "': expected '" + name + "' (the client's name) or no logger");
        }
        Map<String, Object> effective = new LinkedHashMap<>(config);
        if (unnamed) {
            effective.put("logger", name);
        }
        return PreparedConfig.build(effective, ConfigOrigin.map()).applyOrDiscard(client, registry, false);
    }
}
