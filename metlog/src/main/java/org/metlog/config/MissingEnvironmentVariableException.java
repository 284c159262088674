package org.metlog.config;

import org.metlog.spi.ConfigurationException;

/**
 * A configuration value refers to an environment variable ({@code ${NAME}}) that is not set. The message names
 * the variable, the file and section, and the option.
 */
public class MissingEnvironmentVariableException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /** The name of the environment variable that is not set. */
    private final String variable;

    /**
     * Creates the exception.
     *
     * @param variable the name of the missing variable
     * @param message  names the variable, where it was referred to and the option
     */
    public MissingEnvironmentVariableException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    /** {@return the name of the environment variable that is not set} */
    public String variable() {
        return variable;
    }
}
