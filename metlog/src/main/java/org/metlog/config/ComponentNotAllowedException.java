package org.metlog.config;

import org.metlog.spi.ConfigurationException;

/**
 * A class named in configuration does not exist or is not an extension of the expected kind (a sender, a
 * filter provider, a formatter, a plugin provider). It is refused before any of its code runs.
 */
public class ComponentNotAllowedException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the class and the interface that was expected
     */
    public ComponentNotAllowedException(String message) {
        super(message);
    }
}
