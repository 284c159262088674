package org.metlog.cli;

import java.nio.file.Path;
import org.metlog.MetlogClient;
import org.metlog.config.MetlogConfig;

/** Loads the client the CLI uses from an INI file. */
final class CliConfig {
    private CliConfig() {
    }

    /**
     * Builds the client configured by one section of an INI file.
     *
     * @param file    the INI file given with {@code --config}
     * @param section the section given with {@code --section} ({@code metlog} by default)
     * @return a new client; the caller closes it
     * @throws org.metlog.spi.ConfigurationException if the file cannot be read or the configuration is wrong
     */
    static MetlogClient load(Path file, String section) {
        return MetlogConfig.clientFromPath(file, section);
    }
}
