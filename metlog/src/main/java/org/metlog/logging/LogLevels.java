package org.metlog.logging;

import java.util.logging.Level;
import org.metlog.message.Severity;

/**
 * The level-to-severity maps of the bridges into metlog, one per logging framework, all on one ladder: FATAL 2
 * (critical), ERROR 3, WARN 4, INFO 6, DEBUG and TRACE 7 (and JUL's CONFIG 5). A custom level takes the severity
 * of the nearest standard level at or below it in importance. Takes the frameworks' level numbers, so that using
 * it needs none of their jars.
 */
public final class LogLevels {
    private static final int LOGBACK_ERROR = 40_000;
    private static final int LOGBACK_WARN = 30_000;
    private static final int LOGBACK_INFO = 20_000;
    private static final int LOG4J2_FATAL = 100;
    private static final int LOG4J2_ERROR = 200;
    private static final int LOG4J2_WARN = 300;
    private static final int LOG4J2_INFO = 400;

    private LogLevels() {
    }

    /**
     * Maps a JUL level by its {@link Level#intValue()}: SEVERE and above 3, WARNING and above 4, INFO and above 6,
     * CONFIG and above 5, anything lower (FINE, FINER, FINEST, ALL) 7.
     *
     * @param level the level; null is taken as INFO
     * @return the severity
     */
    public static int jul(Level level) {
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

    /**
     * Maps a Logback level by its {@code toInt()} (higher is more important): ERROR 3, WARN 4, INFO 6, DEBUG and
     * TRACE 7.
     *
     * @param level the level's number
     * @return the severity
     */
    public static int logback(int level) {
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

    /**
     * Maps a Log4j2 level by its {@code intLevel()} (lower is more important): FATAL (and OFF) 2, ERROR 3, WARN 4,
     * INFO 6, DEBUG and TRACE 7.
     *
     * @param intLevel the level's number
     * @return the severity
     */
    public static int log4j2(int intLevel) {
        if (intLevel <= LOG4J2_FATAL) {
            return Severity.CRITICAL;
        }
        if (intLevel <= LOG4J2_ERROR) {
            return Severity.ERROR;
        }
        if (intLevel <= LOG4J2_WARN) {
            return Severity.WARNING;
        }
        if (intLevel <= LOG4J2_INFO) {
            return Severity.INFORMATIONAL;
        }
        return Severity.DEBUG;
    }
}
