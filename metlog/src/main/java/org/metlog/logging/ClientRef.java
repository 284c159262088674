package org.metlog.logging;

import java.util.concurrent.atomic.AtomicBoolean;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.internal.Diagnostics;

/**
 * The client a bridge sends to: a given client, or a {@link ClientHolder} client looked up by name (or the holder's
 * default) at every use, so a bridge can be installed before configuration registers the client.
 */
final class ClientRef {
    private final MetlogClient client;
    private final String name;
    private final AtomicBoolean warned = new AtomicBoolean();

    private ClientRef(MetlogClient client, String name) {
        this.client = client;
        this.name = name;
    }

    static ClientRef of(MetlogClient client) {
        return new ClientRef(java.util.Objects.requireNonNull(client, "client"), null);
    }

    /** @param name a ClientHolder name; null or blank means the holder's default client */
    static ClientRef named(String name) {
        return new ClientRef(null, name == null || name.isBlank() ? null : name.trim());
    }

    /** {@return the given client, if one was given} */
    MetlogClient fixed() {
        return client;
    }

    /** {@return the holder name, or null for a given client or the default client} */
    String name() {
        return name;
    }

    /**
     * Finds the client now. The first time none is registered, says so once on stderr.
     *
     * @param owner who asks, for the diagnostic
     * @return the client, or null if the holder has none (yet)
     */
    MetlogClient resolve(String owner) {
        MetlogClient found = peek();
        if (found == null && warned.compareAndSet(false, true)) {
            Diagnostics.warn(owner + ": ClientHolder has no " + (name != null ? "client '" + name + "'"
                : "default client") + " yet; log records are dropped until one is registered");
        }
        return found;
    }

    /** {@return the client now, without any diagnostic; null if the holder has none} */
    MetlogClient peek() {
        return client != null ? client : name != null ? ClientHolder.peek(name) : ClientHolder.getDefault();
    }

    @Override
    public String toString() {
        return client != null ? "client '" + client.logger() + "'"
            : name != null ? "ClientHolder client '" + name + "'" : "ClientHolder default client";
    }
}
