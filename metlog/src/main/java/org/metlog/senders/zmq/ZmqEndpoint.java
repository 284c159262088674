package org.metlog.senders.zmq;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metlog.internal.HostName;

/**
 * One endpoint as configured, and what a socket connects to for it. JeroMQ resolves a host name inside
 * {@code connect}, on the calling thread, for as long as DNS takes; so a {@code tcp://} endpoint with a host name
 * is resolved by the sender's {@link org.metlog.internal.HostResolver} instead, and sockets connect to the numeric
 * address it found. Every other endpoint (an IP literal, {@code ipc://}, {@code inproc://}) is connected as given,
 * which needs no lookup.
 */
final class ZmqEndpoint {
    private static final Pattern TCP_NAME = Pattern.compile("tcp://([^\\[\\]:]+):(\\d{1,5})");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final String configured;
    private final HostName name;

    private ZmqEndpoint(String configured, HostName name) {
        this.configured = configured;
        this.name = name;
    }

    /**
     * @param endpoint an endpoint checked by {@link ZmqOptions#endpoint(String)}
     * @return it, with a {@link HostName} to resolve if it names a host
     */
    static ZmqEndpoint of(String endpoint) {
        Matcher m = TCP_NAME.matcher(endpoint);
        if (!m.matches() || isIpv4(m.group(1))) {
            return new ZmqEndpoint(endpoint, null);
        }
        return new ZmqEndpoint(endpoint, new HostName(m.group(1), Integer.parseInt(m.group(2)), endpoint));
    }

    /** {@return the endpoints, each parsed with {@link #of(String)}} */
    static List<ZmqEndpoint> all(List<String> endpoints) {
        return endpoints.stream().map(ZmqEndpoint::of).toList();
    }

    // an out-of-range octet is not a literal: InetAddress would look it up as a name, so it goes to the resolver
    private static boolean isIpv4(String host) {
        Matcher m = IPV4.matcher(host);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** {@return the host name to resolve, or null if the endpoint needs no lookup} */
    HostName name() {
        return name;
    }

    /** {@return whether a socket connecting here may need IPv6: an IPv6 literal, or a name that may resolve to one} */
    boolean mayBeIpv6() {
        return name != null || ZmqOptions.isIpv6(configured);
    }

    /**
     * {@return what to pass to JeroMQ's {@code connect}, which then does no lookup: the endpoint itself, or
     * {@code tcp://ADDRESS:PORT} with the address its name resolved to last; null while the name has never
     * resolved}
     */
    String connectTarget() {
        if (name == null) {
            return configured;
        }
        InetSocketAddress address = name.address();
        if (address == null) {
            return null;
        }
        String ip = address.getAddress().getHostAddress();
        return "tcp://" + (address.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":"
            + address.getPort();
    }

    @Override
    public String toString() {
        return configured;
    }
}
