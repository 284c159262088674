package org.metlog.internal;

import java.net.InetAddress;

/** The process id and host name that go into every envelope, looked up once per process. */
public final class HostInfo {
    private static final long PID = ProcessHandle.current().pid();
    private static volatile String hostname;

    private HostInfo() {
    }

    /** @return the id of this JVM's process */
    public static long pid() {
        return PID;
    }

    /**
     * Returns this machine's host name. The first call looks it up (without a reverse DNS query when the
     * {@code HOSTNAME} environment variable or the local host name is at hand); a failed lookup gives
     * {@code "localhost"} rather than an exception.
     *
     * @return the host name, never null
     */
    public static String hostname() {
        String name = hostname;
        if (name == null) {
            name = lookUpHostname();
            hostname = name;
        }
        return name;
    }

    private static String lookUpHostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isEmpty()) {
                return name;
            }
        } catch (Exception | Error e) {
            // fall through to the environment: a misconfigured resolver must not stop the application
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isEmpty() ? "localhost" : env;
    }
}
