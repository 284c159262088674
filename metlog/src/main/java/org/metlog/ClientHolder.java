package org.metlog;

import java.util.Set;

/**
 * The process-wide registry of named clients (metlog-py's {@code CLIENT_HOLDER} and {@code get_client}),
 * modelled on Dropwizard's {@code SharedMetricRegistries}: named clients with race-free get-or-create, a
 * default name, the process's {@link GlobalConfig}, and nothing else. Thread-safe; no method blocks for long.
 *
 * <p>{@code ClientHolder.get("myapp")} returns the same client for a name every time, creating it unconfigured
 * (a {@link org.metlog.senders.NoSendSender}, logger = name) the first time, so it can sit in a
 * {@code static final} field before configuration has loaded. The configuration loader is given the registry
 * ({@link #registry()}) and reconfigures that same object in place:
 *
 * <pre>{@code
 * private static final MetlogClient METLOG = ClientHolder.get("myapp");
 * ...
 * MetlogConfig.configure(Path.of("metlog.ini"), ClientHolder.registry());   // at start-up
 * }</pre>
 */
public final class ClientHolder {
    private static final ClientMap SHARED = new ClientMap();

    private ClientHolder() {
    }

    /**
     * Returns the process-wide registry, to give to the configuration loader (or to code that should not
     * depend on this class's statics).
     *
     * @return the registry all methods of this class use; the same object every time
     */
    public static ClientRegistry registry() {
        return SHARED;
    }

    /**
     * Returns the client registered under {@code name}, creating an unconfigured one (logger = name) if there is
     * none. Many threads racing for a new name all get the same client. The first client ever registered
     * becomes the default unless a default name was set.
     *
     * @param name the client name, not null
     * @return the client
     * @throws NullPointerException if {@code name} is null
     */
    public static MetlogClient get(String name) {
        return SHARED.getOrCreate(name);
    }

    /**
     * Registers a pre-built client under {@code name}, replacing any other (which is not closed).
     *
     * @param name   the client name, not null
     * @param client the client, not null
     */
    public static void set(String name, MetlogClient client) {
        SHARED.set(name, client);
    }

    /**
     * Returns the client registered under {@code name} without creating one.
     *
     * @param name the client name
     * @return the client, or null
     */
    public static MetlogClient peek(String name) {
        return SHARED.peek(name);
    }

    /**
     * Removes a client from the holder; if it was the default, there is no default name any more. The client
     * itself is not closed.
     *
     * @param name the client name, not null
     * @return the removed client, or null
     */
    public static MetlogClient remove(String name) {
        return SHARED.remove(name);
    }

    /**
     * Returns the names of the registered clients.
     *
     * @return an unmodifiable, sorted snapshot
     */
    public static Set<String> names() {
        return SHARED.names();
    }

    /**
     * Returns the default client: the one named by {@link #setDefaultName(String)}, else the first registered.
     *
     * @return the default client, created unconfigured if a default name is set but unused; null if no client
     *     was ever registered and no default name was set
     */
    public static MetlogClient getDefault() {
        return SHARED.getDefault();
    }

    /**
     * Returns the name of the default client.
     *
     * @return the name, or null if there is none
     */
    public static String defaultName() {
        return SHARED.defaultName();
    }

    /**
     * Names the default client.
     *
     * @param name the client name, not null
     */
    public static void setDefaultName(String name) {
        SHARED.setDefaultName(name);
    }

    /**
     * Returns the process-wide global configuration (INI {@code global_*} keys, Map {@code global}), which
     * decorators read.
     *
     * @return the same object every time
     */
    public static GlobalConfig global() {
        return SHARED.global();
    }

    /** Forgets every client, the default name, the global configuration and the record of configured methods. For tests. */
    public static void clear() {
        SHARED.clear();
    }
}
