package org.metlog;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The registry behind {@link ClientHolder}: a concurrent map of named clients with race-free get-or-create, a
 * default name, the registry's {@link GlobalConfig} and the loader's record of configured extension methods.
 * Thread-safe; the default name is guarded by this object's lock, everything else by the concurrent map.
 */
final class ClientMap implements ClientRegistry {
    private final ConcurrentMap<String, MetlogClient> clients = new ConcurrentHashMap<>();
    private final GlobalConfig global = new GlobalConfig();
    /** Weak keys: a client configured through this registry but never registered in it may be collected. */
    private final Map<MetlogClient, Set<String>> configuredMethods =
        Collections.synchronizedMap(new WeakHashMap<>());
    private volatile String defaultName;

    @Override
    public MetlogClient getOrCreate(String name) {
        Objects.requireNonNull(name, "name");
        MetlogClient client = clients.get(name);
        if (client == null) {
            client = clients.computeIfAbsent(name, n -> new MetlogClient(null, n));
            claimDefault(name);
        }
        return client;
    }

    @Override
    public MetlogClient peek(String name) {
        return name == null ? null : clients.get(name);
    }

    @Override
    public GlobalConfig global() {
        return global;
    }

    @Override
    public Set<String> configuredMethods(MetlogClient client) {
        return configuredMethods.getOrDefault(client, Set.of());
    }

    @Override
    public void recordConfiguredMethods(MetlogClient client, Set<String> names) {
        Objects.requireNonNull(client, "client");
        if (names.isEmpty()) {
            configuredMethods.remove(client);
        } else {
            configuredMethods.put(client, Set.copyOf(names));
        }
    }

    void set(String name, MetlogClient client) {
        clients.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(client, "client"));
        claimDefault(name);
    }

    MetlogClient remove(String name) {
        Objects.requireNonNull(name, "name");
        MetlogClient removed = clients.remove(name);
        if (removed != null) {
            synchronized (this) {
                if (name.equals(defaultName)) {
                    defaultName = null;
                }
            }
        }
        return removed;
    }

    Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(clients.keySet()));
    }

    String defaultName() {
        return defaultName;
    }

    synchronized void setDefaultName(String name) {
        defaultName = Objects.requireNonNull(name, "name");
    }

    MetlogClient getDefault() {
        String name = defaultName;
        return name == null ? null : getOrCreate(name);
    }

    void clear() {
        synchronized (this) {
            clients.clear();
            defaultName = null;
        }
        configuredMethods.clear();
        global.clear();
    }

    private void claimDefault(String name) {
        if (defaultName == null) {
            synchronized (this) {
                if (defaultName == null) {
                    defaultName = name;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ClientRegistry" + names();
    }
}
