package org.metlog.spi;

/** An option has a value of the wrong type or outside its range, or a required option is missing. */
public class InvalidOptionException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the option, its value and what was expected
     */
    public InvalidOptionException(String message) {
        super(message);
    }
}
