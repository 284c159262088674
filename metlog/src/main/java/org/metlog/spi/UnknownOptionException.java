package org.metlog.spi;

/** An option is not one the configured component accepts (often a typo); the message lists those it accepts. */
public class UnknownOptionException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the unknown option(s) and lists the accepted ones
     */
    public UnknownOptionException(String message) {
        super(message);
    }
}
