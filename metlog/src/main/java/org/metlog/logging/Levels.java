package org.metlog.logging;

import java.util.logging.Level;
import org.metlog.message.Severity;

/** Level to severity maps of the bridges into metlog. */
final class Levels {
    private static final int LOGBACK_ERROR = 40_000;
    private static final int LOGBACK_WARN = 30_000;
    private static final int LOGBACK_INFO = 20_000;

    private Levels() {
    }

    /**
     * Maps a JUL level by its {@link Level#intValue()}: SEVERE and above 3, WARNING and above 4, INFO and above 6,
     * CONFIG and above 5, anything lower (FINE, FINER, FINEST, ALL) 7. A custom level takes the severity of the
     * nearest standard level at or below it.
     */
    static int severity(Level level) {
        int value = level == null ? Level.INFO.intValue() : level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return Severity.ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return Severity.WARNING;
        }
        if (value >= Level.INFO.intValue()) {
            return Severity.INFORMATIONAL;
        }
        if (value >= Level.CONFIG.intValue()) {
            return Severity.NOTICE;
        }
        return Severity.DEBUG;
    }

    /** Maps a Logback level integer: ERROR 3, WARN 4, INFO 6, DEBUG and TRACE 7 (by range, like JUL). */
    static int logbackSeverity(int level) {
        if (level >= LOGBACK_ERROR) {
            return Severity.ERROR;
        }
        if (level >= LOGBACK_WARN) {
            return Severity.WARNING;
        }
        if (level >= LOGBACK_INFO) {
            return Severity.INFORMATIONAL;
        }
        return Severity.DEBUG;
    }

    /** {@return true for loggers of the metlog library itself, whose records never enter metlog} */
    static boolean isMetlogLogger(String name) {
        return name != null && name.startsWith("org.metlog") && (name.length() == "org.metlog".length()
            || name.charAt("org.metlog".length()) == '.');
    }
}
