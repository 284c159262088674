package org.metlog;

import org.metlog.spi.Options;

/**
 * Builds an {@link ExtensionMethod} from configuration for one client (metlog-py's plugin provider). Named in a
 * {@code [<section>_plugin_*]} section's {@code provider} option; needs a public no-argument constructor. The
 * method it returns captures {@code client} if it needs it, as metlog-py's plugin functions receive {@code self}.
 */
@FunctionalInterface
public interface PluginProvider {
    /**
     * Creates the extension method for {@code client}. Called by the loader once per configuration of a client,
     * before the client's settings change; it should only build, not send (the client may not be configured
     * yet).
     *
     * @param client  the client the method will be bound to
     * @param options the section's options other than {@code provider} and {@code override}
     * @return the method to bind to the client
     * @throws org.metlog.spi.ConfigurationException if an option is bad
     */
    ExtensionMethod create(MetlogClient client, Options options);
}
