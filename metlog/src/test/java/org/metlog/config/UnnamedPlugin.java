package org.metlog.config;
import org.metlog.spi.Options;

import org.metlog.ExtensionMethod;
import org.metlog.MetlogClient;
import org.metlog.PluginProvider;

/** Test plugin provider whose method has no canonical name; option {@code reply} is what it returns. */
public final class UnnamedPlugin implements PluginProvider {
    /** Creates the provider. */
    public UnnamedPlugin() {
    }

    @Override
    public ExtensionMethod create(MetlogClient client, Options options) {
        String reply = options.string("reply", "unnamed");
        return args -> reply;
    }
}
