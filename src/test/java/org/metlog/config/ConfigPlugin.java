package org.metlog.config;
import org.metlog.spi.Options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metlog.ExtensionMethod;
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
    public ExtensionMethod create(Options options) {
        return build(options);
    }

    /**
     * The same provider as a {@code Class#method} (metlog-py's {@code module:function} form).
     *
     * @param options the plugin options
     * @return the method
     */
    public static ExtensionMethod configPlugin(Options options) {
        return build(options);
    }

    private static ExtensionMethod build(Options options) {
        Map<String, Object> config = new LinkedHashMap<>(options.asMap());
        return ExtensionMethod.named("dummy", (client, args) -> Map.of("config", config, "args", List.of(args),
            "logger", client.logger()));
    }
}
