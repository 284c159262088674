package org.metlog.senders;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.metlog.internal.HostName;

/**
 * One host/port pair of a UDP sender ({@link UdpSender}, {@link StatsdSender}, {@link LogdSender}). An IP literal is
 * parsed once, without any lookup; a host name is resolved by the transport's
 * {@link org.metlog.internal.HostResolver}, which publishes the result in its {@link #name}.
 */
final class UdpDestination {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_.])?");

    final String host;
    final int port;
    final boolean literal;
    /** What the resolver resolves: null for an IP literal. */
    final HostName name;
    private final InetSocketAddress literalAddress;

    private UdpDestination(String host, int port, InetAddress literalAddress) {
        this.host = host;
        this.port = port;
        this.literal = literalAddress != null;
        this.literalAddress = literalAddress == null ? null : new InetSocketAddress(literalAddress, port);
        this.name = literal ? null : new HostName(host, port, "udp://" + this);
    }

    /** {@return the address to send to; null while a host name is not resolved} */
    InetSocketAddress address() {
        return name == null ? literalAddress : name.address();
    }

    /**
     * Checks and parses one destination.
     *
     * @param host an IPv4 or IPv6 literal (IPv6 with or without brackets) or a host name
     * @param port 1 to 65535
     * @return the destination; resolved at once if the host is a literal
     * @throws IllegalArgumentException if the host is empty, malformed or the port is out of range
     */
    static UdpDestination of(String host, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range: expected 1 to 65535");
        }
        String h = host == null ? "" : host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            throw new IllegalArgumentException("host is empty: expected a host name or an IP address");
        }
        if (h.indexOf(':') >= 0 || IPV4.matcher(h).matches()) {
            return new UdpDestination(h, port, parseLiteral(host, h));
        }
        if (h.length() > 253 || !NAME.matcher(h).matches()) {
            throw new IllegalArgumentException("host '" + host + "' is not a host name or an IP address");
        }
        return new UdpDestination(h, port, null);
    }

    private static InetAddress parseLiteral(String configured, String literal) {
        if (literal.indexOf(':') < 0) {
            for (String octet : literal.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("host '" + configured + "' is not a valid IPv4 address");
                }
            }
        }
        try {
            return InetAddress.getByName(literal); // a literal is parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host '" + configured + "' is not a valid IP address: "
                + e.getMessage(), e);
        }
    }

    /** {@return the destination as configured, as an unresolved socket address} */
    InetSocketAddress configured() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** {@return the destination as a URI, {@code udp://host:port} ({@code udp://[::1]:port} for IPv6)} */
    String uri() {
        return "udp://" + this;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
