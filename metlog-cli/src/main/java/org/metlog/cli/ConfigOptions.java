package org.metlog.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE [--section NAME]}, the same on every command: send through the client an INI file
 * configures instead of the one the command builds. {@code --metlogcfg} is an alias (the name metlog-py's
 * {@code mb} used).
 */
final class ConfigOptions {
    /** The section read when {@code --section} is not given. */
    static final String DEFAULT_SECTION = "metlog";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = {"--config", "--metlogcfg"}, paramLabel = "FILE", order = 100,
        description = "Send through the client this metlog-py style INI file configures: its sender decides where"
            + " the messages go. --metlogcfg is another name for it (metlog-py's mb used it).")
    private Path file;

    @Option(names = "--section", paramLabel = "NAME", order = 101,
        description = "The section of FILE to read; only with --config (default: " + DEFAULT_SECTION + ").")
    private String section;

    /**
     * Returns the file given with {@code --config}.
     *
     * @return the file, or null if the command builds its own client
     * @throws ParameterException if {@code --section} was given without {@code --config} (a usage error)
     */
    Path file() {
        if (file == null && section != null) {
            throw new ParameterException(mixee.commandLine(), "--section needs --config FILE");
        }
        return file;
    }

    /**
     * Returns the section to read.
     *
     * @return the section given with {@code --section}, or {@value #DEFAULT_SECTION}
     */
    String section() {
        return section == null ? DEFAULT_SECTION : section;
    }
}
