package org.metlog.message;

import java.util.Objects;

/**
 * The constant part of the envelope ({@code env_version}, {@code metlog_pid}, {@code metlog_hostname}): a
 * client makes one and creates all its messages from it, which keeps each message smaller. Immutable and
 * thread-safe.
 */
public final class Origin {
    final String envVersion;
    final long pid;
    final String hostname;
    final FieldTally tally = new FieldTally(); // read through FieldLimits.truncatedMessages

    private Origin(String envVersion, long pid, String hostname) {
        this.envVersion = Objects.requireNonNull(envVersion, "envVersion");
        this.pid = pid;
        this.hostname = hostname == null ? "" : hostname;
    }

    /**
     * Returns the origin of messages of one process; {@link FieldLimits#truncatedMessages} counts its cuts.
     *
     * @param envVersion the envelope version, normally {@value Message#ENV_VERSION}
     * @param pid        the process id
     * @param hostname   the host name; null means ""
     * @return the origin
     */
    public static Origin of(String envVersion, long pid, String hostname) {
        return new Origin(envVersion, pid, hostname);
    }
}
