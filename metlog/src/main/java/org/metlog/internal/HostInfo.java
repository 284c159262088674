package org.metlog.internal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process id and host name that go into every envelope, looked up once per process. */
public final class HostInfo {
    private static final long PID = ProcessHandle.current().pid();
    private static volatile String hostname;

    private HostInfo() {
    }

    /** {@return the id of this JVM's process} */
    public static long pid() {
        return PID;
    }

    /**
     * Returns this machine's host name, as Python's {@code socket.gethostname()} gives it to metlog-py. The first
     * call looks it up without any DNS query where it can: the kernel's name ({@code /proc/sys/kernel/hostname}
     * on Linux), else the {@code HOSTNAME} environment variable; only where neither is available does it ask
     * {@link InetAddress#getLocalHost()} (which may consult the resolver). A failed lookup gives
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
        String kernel = kernelHostname(Path.of("/proc/sys/kernel/hostname"));
        if (kernel != null) {
            return kernel;
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isEmpty()) {
                return name;
            }
        } catch (Exception | Error e) {
            // a misconfigured resolver must not stop the application
        }
        return "localhost";
    }

    /**
     * Reads a host name from a file holding it on one line (the kernel's, on Linux).
     *
     * @param file the file
     * @return the name, or null if the file is absent, unreadable or empty
     */
    static String kernelHostname(Path file) {
        try {
            if (!Files.isReadable(file)) {
                return null;
            }
            String name = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            return name.isEmpty() || name.length() > 255 ? null : name;
        } catch (Exception | Error e) {
            return null;
        }
    }
}
