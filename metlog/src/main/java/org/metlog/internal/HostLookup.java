package org.metlog.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Looks up one host name for the {@link HostResolver}; {@link #SYSTEM} is {@link InetAddress#getByName(String)}.
 * Every sender that resolves names takes one, so that tests can give a scripted one, such as a lookup that never
 * returns.
 */
@FunctionalInterface
public interface HostLookup {
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
