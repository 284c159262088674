package org.metlog.config;
import org.metlog.spi.Options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metlog.ExtensionMethod;
import org.metlog.MetlogClient;
import org.metlog.PluginProvider;

/**
 * Test stand-in for metlog-py's {@code metlog.tests.plugin.config_plugin}: binds a method whose canonical name
 * is {@code dummy} and which returns its configuration and the arguments it was called with.
 */
public final class ConfigPlugin implements PluginProvider {
    /** Creates the provider. */
    public ConfigPlugin() {
    }

    @Override
    public ExtensionMethod create(MetlogClient client, Options options) {
        return build(client, options);
    }

    /**
     * The same provider as a {@code Class#method} (metlog-py's {@code module:function} form).
     *
     * @param client  the client the method is for
     * @param options the plugin options
     * @return the method
     */
    public static ExtensionMethod configPlugin(MetlogClient client, Options options) {
        return build(client, options);
    }

    private static ExtensionMethod build(MetlogClient client, Options options) {
        Map<String, Object> config = new LinkedHashMap<>(options.asMap());
        return ExtensionMethod.named("dummy", args -> Map.of("config", config, "args", List.of(args),
            "logger", client.logger()));
    }
}
