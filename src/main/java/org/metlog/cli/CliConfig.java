package org.metlog.cli;

import java.nio.file.Path;
import org.metlog.MetlogClient;
import org.metlog.config.ConfigurationException;

/** Loads the client the CLI uses from an INI file. */
final class CliConfig {
    private CliConfig() {
    }

    static MetlogClient load(Path file, String section) {
        throw new ConfigurationException("--config " + file + ": loading configuration files is not available yet");
    }
}
