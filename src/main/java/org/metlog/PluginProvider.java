package org.metlog;

import org.metlog.spi.Options;

/**
 * Builds an {@link ExtensionMethod} from configuration (metlog-py's plugin provider). Named in a
 * {@code [<section>_plugin_*]} section's {@code provider} option; needs a public no-argument constructor.
 */
@FunctionalInterface
public interface PluginProvider {
    /**
     * Creates the extension method.
     *
     * @param options the section's options other than {@code provider} and {@code override}
     * @return the method to bind to the client
     * @throws org.metlog.spi.ConfigurationException if an option is bad
     */
    ExtensionMethod create(Options options);
}
