package org.metlog.internal;

import java.net.InetSocketAddress;

/**
 * One host/port pair that a {@link HostResolver} resolves, and the address it found: null until the name first
 * resolves, then the latest address (a refresh that fails keeps the previous one). Written by the resolver
 * thread, read by anyone.
 */
public final class HostName {
    private final String host;
    private final int port;
    private final String label;
    private volatile InetSocketAddress address;
    /** When the resolver should look the name up next, on the resolver's clock; resolver only. */
    long nextLookupNanos;
    /** How many lookups in a row have failed (the retry backoff grows with it); resolver only. */
    int failures;

    /**
     * @param host  the host name (not an IP literal: that needs no resolver)
     * @param port  the port
     * @param label how the destination is named in diagnostics, such as {@code udp://example.com:5565}
     */
    public HostName(String host, int port, String label) {
        this.host = host;
        this.port = port;
        this.label = label;
    }

    /** {@return the host name} */
    public String host() {
        return host;
    }

    /** {@return the port} */
    public int port() {
        return port;
    }

    /** {@return the address the name resolved to last, or null while it has never resolved} */
    public InetSocketAddress address() {
        return address;
    }

    void address(InetSocketAddress address) {
        this.address = address;
    }

    /** {@return the label given, for diagnostics} */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
