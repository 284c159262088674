package org.metlog;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.metlog.spi.ConfigurationException;
import org.metlog.config.MetlogConfig;

/**
 * The process-wide registry of named clients and the global configuration (metlog-py's {@code CLIENT_HOLDER}
 * and {@code get_client}). Thread-safe.
 *
 * <p>{@code ClientHolder.get("myapp")} returns the same client for a name every time, creating it unconfigured
 * (a {@link org.metlog.senders.NoSendSender}, logger = name) the first time, so it can sit in a
 * {@code static final} field before configuration has loaded; configuring it later (for example with
 * {@link MetlogConfig}, {@link #get(String, Map)} or {@link #configure(Path, String...)}) reconfigures that same
 * object in place.
 *
 * <pre>{@code
 * private static final MetlogClient METLOG = ClientHolder.get("myapp");
 * }</pre>
 */
public final class ClientHolder {
    private static final ConcurrentMap<String, MetlogClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<String, Object> GLOBAL = new LinkedHashMap<>();
    private static volatile String defaultName;

    private ClientHolder() {
    }

    /**
     * Returns the client registered under {@code name}, creating an unconfigured one (logger = name) if there is
     * none. Many threads racing for a new name all get the same client. The first client ever registered
     * becomes the default unless a default name was set.
     *
     * @param name the client name, not null
     * @return the client
     */
    public static MetlogClient get(String name) {
        Objects.requireNonNull(name, "name");
        MetlogClient client = CLIENTS.get(name);
        if (client == null) {
            client = CLIENTS.computeIfAbsent(name, n -> new MetlogClient(null, n));
            claimDefault(name);
        }
        return client;
    }

    /**
     * Returns the client registered under {@code name} (creating it as {@link #get(String)} does) and configures
     * it in place from the map format (metlog-py's {@code get_client(name, config_dict)}). The configuration's
     * {@code logger} must be the name or be left out; left out, it is set to the name. An empty or null
     * configuration configures nothing. The map is not modified.
     *
     * <pre>{@code
     * private static final MetlogClient METLOG =
     *     ClientHolder.get("myapp", Map.of("sender", Map.of("class", "metlog.senders.dev.StdoutSender")));
     * }</pre>
     *
     * @param name   the client name, not null
     * @param config the configuration in the map format of {@link MetlogConfig}; may be null
     * @return the client
     * @throws ConfigurationException if the logger differs from the name or the configuration is wrong; the
     *                                client then keeps its previous setup
     */
    public static MetlogClient get(String name, Map<String, ?> config) {
        MetlogClient client = get(name);
        if (config == null || config.isEmpty()) {
            return client;
        }
        Object logger = config.get("logger");
        if (logger != null && !logger.toString().isEmpty() && !logger.toString().equals(name)) {
            throw new ConfigurationException("configuration map for client '" + name + "': option logger = '"
                + logger + "': expected '" + name + "' (the client's name) or no logger");
        }
        Map<String, Object> effective = new LinkedHashMap<>(config);
        if (logger == null || logger.toString().isEmpty()) {
            effective.put("logger", name);
        }
        return MetlogConfig.clientFromMap(effective, client, false);
    }

    /**
     * Loads the application's INI file at bootstrap and configures the named clients in place, all or nothing
     * (see {@link MetlogConfig#loadIntoHolder(Path, String...)}). Each section configures the client named by
     * its {@code logger}, or by the section name if it sets none.
     *
     * <pre>{@code
     * ClientHolder.configure(Path.of("/etc/myapp/metlog.ini"));            // section [metlog]
     * ClientHolder.configure(Path.of("app.ini"), "metlog", "metlog_audit"); // two clients
     * }</pre>
     *
     * @param ini      the INI file
     * @param sections the sections to load; none means {@code metlog}
     * @return section name to its configured client, in the order given
     * @throws ConfigurationException if a section is incomplete or wrong; then no client has changed
     */
    public static Map<String, MetlogClient> configure(Path ini, String... sections) {
        return MetlogConfig.loadIntoHolder(ini, sections);
    }

    /**
     * Registers a pre-built client under {@code name}, replacing any other.
     *
     * @param name   the client name
     * @param client the client
     */
    public static void set(String name, MetlogClient client) {
        CLIENTS.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(client, "client"));
        claimDefault(name);
    }

    /**
     * Returns the client registered under {@code name} without creating one.
     *
     * @param name the client name
     * @return the client, or null
     */
    public static MetlogClient peek(String name) {
        return CLIENTS.get(name);
    }

    /**
     * Removes a client from the holder. The client itself is not closed.
     *
     * @param name the client name
     * @return the removed client, or null
     */
    public static MetlogClient delete(String name) {
        Objects.requireNonNull(name, "name");
        MetlogClient removed = CLIENTS.remove(name);
        synchronized (ClientHolder.class) {
            if (name.equals(defaultName) && removed != null) {
                defaultName = null;
            }
        }
        return removed;
    }

    /** @return the names of the registered clients, sorted */
    public static Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(CLIENTS.keySet()));
    }

    /**
     * Returns the default client: the one named by {@link #setDefaultName(String)}, else the first registered.
     *
     * @return the default client, created unconfigured if a default name is set but unused; null if no client
     *     was ever registered and no default name was set
     */
    public static MetlogClient getDefault() {
        String name = defaultName;
        return name == null ? null : get(name);
    }

    /** @return the name of the default client, or null */
    public static String defaultName() {
        return defaultName;
    }

    /**
     * Names the default client.
     *
     * @param name the client name
     */
    public static void setDefaultName(String name) {
        synchronized (ClientHolder.class) {
            defaultName = Objects.requireNonNull(name, "name");
        }
    }

    private static void claimDefault(String name) {
        if (defaultName == null) {
            synchronized (ClientHolder.class) {
                if (defaultName == null) {
                    defaultName = name;
                }
            }
        }
    }

    /**
     * Returns a snapshot of the process-wide global configuration (INI {@code global_*} keys, Map {@code global}).
     *
     * @return an unmodifiable copy
     */
    public static Map<String, Object> globalConfig() {
        synchronized (GLOBAL) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(GLOBAL));
        }
    }

    /**
     * Returns one global configuration value.
     *
     * @param key the key, such as {@code disabled_decorators}
     * @return the value, or null
     */
    public static Object global(String key) {
        synchronized (GLOBAL) {
            return GLOBAL.get(key);
        }
    }

    /**
     * Merges values into the global configuration: new values overwrite, other keys stay.
     *
     * @param values the values to set
     */
    public static void updateGlobal(Map<String, ?> values) {
        synchronized (GLOBAL) {
            GLOBAL.putAll(values);
        }
    }

    /** Empties the global configuration. */
    public static void clearGlobal() {
        synchronized (GLOBAL) {
            GLOBAL.clear();
        }
    }

    /** Forgets every client, the default name and the global configuration. For tests. */
    public static void clear() {
        synchronized (ClientHolder.class) {
            CLIENTS.clear();
            defaultName = null;
        }
        clearGlobal();
    }
}
