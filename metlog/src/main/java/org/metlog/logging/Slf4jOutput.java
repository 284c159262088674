package org.metlog.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLF4J calls of {@link Slf4jLoggingSender}, kept out of its signatures so that the sender class can be
 * loaded and inspected (by configuration) without slf4j-api, and report its absence clearly.
 */
final class Slf4jOutput {
    private final Logger logger;

    Slf4jOutput(String loggerName) {
        this.logger = LoggerFactory.getLogger(loggerName == null || loggerName.isEmpty() ? Logger.ROOT_LOGGER_NAME
            : loggerName);
    }

    String name() {
        return logger.getName();
    }

    /** Logs {@code text} as is (no placeholders) at the level of {@code severity}: 0-3 ERROR ... 7 DEBUG. */
    /** {@return whether the logger logs the level {@link #log} uses for {@code severity}} */
    boolean enabled(int severity) {
        if (severity <= 3) {
            return logger.isErrorEnabled();
        } else if (severity == 4) {
            return logger.isWarnEnabled();
        } else if (severity <= 6) {
            return logger.isInfoEnabled();
        }
        return logger.isDebugEnabled();
    }

    void log(int severity, String text) {
        if (severity <= 3) {
            logger.error(text);
        } else if (severity == 4) {
            logger.warn(text);
        } else if (severity <= 6) {
            logger.info(text);
        } else {
            logger.debug(text);
        }
    }
}
