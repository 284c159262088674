package org.metlog.message;

/**
 * Message severities, the integer levels of RFC 3164 / RFC 5424 syslog (metlog-py's {@code SEVERITY}).
 * Lower numbers are more severe; every metlog message carries one of these values.
 */
public final class Severity {
    /** System is unusable. */
    public static final int EMERGENCY = 0;
    /** Action must be taken immediately; used by {@code MetlogClient.exception}. */
    public static final int ALERT = 1;
    /** Critical conditions. */
    public static final int CRITICAL = 2;
    /** Error conditions. */
    public static final int ERROR = 3;
    /** Warning conditions. */
    public static final int WARNING = 4;
    /** Normal but significant condition. */
    public static final int NOTICE = 5;
    /** Informational messages: the default severity. */
    public static final int INFORMATIONAL = 6;
    /** Debug-level messages. */
    public static final int DEBUG = 7;

    private static final String[] NAMES = {
        "emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"
    };

    private Severity() {
    }

    /**
     * Returns whether {@code severity} is one of the eight defined levels.
     *
     * @param severity a candidate severity
     * @return true for 0 to 7 inclusive
     */
    public static boolean isValid(int severity) {
        return severity >= EMERGENCY && severity <= DEBUG;
    }

    /**
     * Returns the lower-case name of a severity ("emergency" ... "debug").
     *
     * @param severity a level from 0 to 7
     * @return its name
     * @throws IllegalArgumentException if the level is outside 0 to 7
     */
    public static String name(int severity) {
        return NAMES[check(severity)];
    }

    /**
     * Returns the level whose {@link #name(int) name} is {@code name}, ignoring case.
     *
     * @param name a severity name such as "warning"
     * @return its level
     * @throws IllegalArgumentException naming the value if no level has that name
     */
    public static int fromName(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown severity name '" + name + "': expected one of "
            + String.join(", ", NAMES));
    }

    /**
     * Returns {@code severity} unchanged if it is valid.
     *
     * @param severity a candidate severity
     * @return the same value
     * @throws IllegalArgumentException naming the value if it is outside 0 to 7
     */
    public static int check(int severity) {
        if (!isValid(severity)) {
            throw new IllegalArgumentException("severity " + severity + " is out of range: expected an integer 0-7");
        }
        return severity;
    }
}
