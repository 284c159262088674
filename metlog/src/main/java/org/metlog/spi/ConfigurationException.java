package org.metlog.spi;

/**
 * A configuration could not be applied. The message names where (file or section), which key, the offending
 * value and what was expected. Thrown only while a client is being configured, never on the hot path; when it
 * is thrown, an existing client keeps the setup it had before.
 */
public class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a one-line description naming the key, value and what was expected
     */
    public ConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message a one-line description naming the key, value and what was expected
     * @param cause   the underlying failure
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
