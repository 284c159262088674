package org.metlog;

import java.util.Set;

/**
 * A set of named clients with their global configuration, as the configuration loader
 * ({@code org.metlog.config.MetlogConfig}) sees it: the loader is given a registry and reaches clients only
 * through it, so an application (or a test) can configure a registry other than the process-wide one that
 * {@link ClientHolder#registry()} returns.
 *
 * <p>Implementations must be thread-safe: {@link #getOrCreate(String)} in particular may be called by many
 * threads at once for a new name, and all of them must get the same client.
 */
public interface ClientRegistry {

    /**
     * Returns the client registered under {@code name}, creating and registering an unconfigured one (a
     * {@link org.metlog.senders.NoSendSender}, logger = name) if there is none. Never blocks for long, never
     * throws except for a null name.
     *
     * @param name the client name, not null
     * @return the client; the same object for a name every time until it is removed
     * @throws NullPointerException if {@code name} is null
     */
    MetlogClient getOrCreate(String name);

    /**
     * Returns the client registered under {@code name} without creating one.
     *
     * @param name the client name
     * @return the client, or null if there is none
     */
    MetlogClient peek(String name);

    /**
     * Returns the global configuration of this registry's clients.
     *
     * @return the same object every time
     */
    GlobalConfig global();

    /**
     * Returns the names of the extension methods that configuration bound to {@code client} the last time it
     * configured it through this registry. The loader uses this to replace or unbind them at the next
     * configuration, while methods bound in code are kept unless a plugin may override them.
     *
     * @param client a client
     * @return the names, never null; empty if configuration never bound any
     */
    Set<String> configuredMethods(MetlogClient client);

    /**
     * Records the names of the extension methods configuration has just bound to {@code client}.
     *
     * @param client the client
     * @param names  the names, not null; an empty set forgets the record
     */
    void recordConfiguredMethods(MetlogClient client, Set<String> names);
}
