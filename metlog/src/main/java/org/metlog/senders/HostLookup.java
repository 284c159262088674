package org.metlog.senders;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Looks up one host name for the {@link HostResolver}; {@link #SYSTEM} is {@link InetAddress#getByName(String)}.
 * Its own type so that {@link TransportSettings} can default to the JVM's resolver without naming the resolver
 * that reads the settings. Tests give a scripted one through {@link TransportSettings#lookup(HostLookup)}.
 */
@FunctionalInterface
interface HostLookup {
    /** The JVM's resolver. */
    HostLookup SYSTEM = InetAddress::getByName;

    /**
     * Looks up one host name. May block for as long as DNS takes.
     *
     * @param host the name
     * @return its address
     * @throws UnknownHostException if it does not resolve
     */
    InetAddress lookUp(String host) throws UnknownHostException;
}
