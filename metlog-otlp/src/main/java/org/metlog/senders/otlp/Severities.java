package org.metlog.senders.otlp;

import io.opentelemetry.proto.logs.v1.SeverityNumber;

/**
 * metlog's syslog levels as OTLP severity numbers. Order is kept (a more severe level never maps lower), the
 * four most severe levels get distinct numbers, and a level outside 0 to 7 (only a hand-built message can have
 * one) is sent as UNSPECIFIED; the level's syslog name is the severity text.
 */
final class Severities {
    private static final SeverityNumber[] BY_LEVEL = {
        SeverityNumber.SEVERITY_NUMBER_FATAL2, // 0 emergency
        SeverityNumber.SEVERITY_NUMBER_FATAL, // 1 alert
        SeverityNumber.SEVERITY_NUMBER_ERROR2, // 2 critical
        SeverityNumber.SEVERITY_NUMBER_ERROR, // 3 error
        SeverityNumber.SEVERITY_NUMBER_WARN, // 4 warning
        SeverityNumber.SEVERITY_NUMBER_INFO2, // 5 notice
        SeverityNumber.SEVERITY_NUMBER_INFO, // 6 informational
        SeverityNumber.SEVERITY_NUMBER_DEBUG, // 7 debug
    };
    private static final String[] TEXT = {
        "emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"};

    private Severities() {
    }

    static SeverityNumber number(int level) {
        return level >= 0 && level < BY_LEVEL.length ? BY_LEVEL[level] : SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED;
    }

    static String text(int level) {
        return level >= 0 && level < TEXT.length ? TEXT[level] : Integer.toString(level);
    }
}
