package org.metlog.config;

import org.metlog.spi.ConfigurationException;

/** The INI section asked for is not in the file; the message names the file and lists the sections it has. */
public class MissingSectionException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the file, the missing section and the sections present
     */
    public MissingSectionException(String message) {
        super(message);
    }
}
