package org.metlog.config;

import org.metlog.spi.ConfigurationException;

/**
 * An INI text could not be read as INI: a line that is neither a section header, an option nor a comment, an
 * option before the first section, or a section or option given twice. The message names the file and, where
 * the parser knows it, the line.
 */
public class IniSyntaxException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the file and what is wrong
     * @param cause   the parser's exception, or null
     */
    public IniSyntaxException(String message, Throwable cause) {
        super(message, cause);
    }
}
