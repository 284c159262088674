package org.metlog.config;

import org.metlog.ExtensionMethod;
import org.metlog.MetlogClient;
import org.metlog.PluginProvider;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.Options;

/** A plugin provider that refuses to build, for the all-or-nothing tests. */
public final class FailingPlugin implements PluginProvider {
    /** Creates the provider. */
    public FailingPlugin() {
    }

    @Override
    public ExtensionMethod create(MetlogClient client, Options options) {
        throw new ConfigurationException(options.context() + ": this plugin always fails");
    }
}
