package org.metlog.spring.boot.autoconfigure;

import org.metlog.spi.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a metlog configuration error that stops the start into Spring Boot's short "APPLICATION FAILED TO START"
 * report: the loader's message (key, value, what was expected) as the description instead of a stack trace.
 */
final class MetlogFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        return new FailureAnalysis("The metlog client could not be configured: " + cause.getMessage(),
            "Correct the metlog.* property or the INI file named above (docs/spring-boot.md lists the keys).", cause);
    }
}
