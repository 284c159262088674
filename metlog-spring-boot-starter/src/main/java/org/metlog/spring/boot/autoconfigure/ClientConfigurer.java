package org.metlog.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.config.MetlogConfig;
import org.metlog.spi.ConfigurationException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Configures the client of {@link ClientHolder} that the application's properties name, in place, from the
 * {@code metlog.*} properties or from the INI file at {@code metlog.config-location}. A failure is the
 * loader's {@link ConfigurationException}, wrapped once to say which of the two it came from.
 */
final class ClientConfigurer {
    private final Map<String, Object> tree;
    private final MetlogProperties properties;
    private final ResourceLoader resources;

    ClientConfigurer(Map<String, Object> tree, MetlogProperties properties, ResourceLoader resources) {
        this.tree = tree;
        this.properties = properties;
        this.resources = resources;
    }

    /**
     * {@return the configured client, registered in {@link ClientHolder} under its logger name}
     * @param defaultName the client's name (and logger) if the configuration sets no logger
     * @throws ConfigurationException if the configuration is wrong; an existing client is then unchanged
     */
    MetlogClient configure(String defaultName) {
        Map<String, Object> config = ClientConfigMap.of(tree);
        String location = properties.getConfigLocation();
        if (location == null || location.isBlank()) {
            String source = "metlog.* properties";
            return within(source, () -> MetlogConfig.configure(name(config, defaultName), ClientHolder.registry(),
                config));
        }
        String source = "metlog.config-location = '" + location + "'";
        if (!config.isEmpty()) {
            throw new ConfigurationException(source + " and metlog." + tree.keySet().stream()
                .filter(k -> !ClientConfigMap.STARTER_KEYS.contains(ClientConfigMap.option(k))).findFirst()
                .orElse("?") + " are both given: configure the client either from the INI file or from metlog.*"
                + " properties, not both");
        }
        return within(source, () -> fromIni(location, properties.getSection()));
    }

    private MetlogClient fromIni(String location, String section) {
        Resource ini = resources.getResource(location);
        if (!ini.exists()) {
            throw new ConfigurationException("no such resource: " + ini.getDescription()
                + ": expected a classpath: or file: location of an INI file");
        }
        try {
            if (ini.isFile()) {
                // The loader's messages then name the file and line.
                return MetlogConfig.configure(ini.getFile().toPath(), ClientHolder.registry(), section).get(section);
            }
            Map<String, Object> config;
            try (InputStream in = ini.getInputStream()) {
                config = MetlogConfig.mapFromStream(in, section);
            }
            return MetlogConfig.configure(name(config, section), ClientHolder.registry(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Map<String, Object> config, String defaultName) {
        Object logger = config.get("logger");
        return logger instanceof String s && !s.isEmpty() ? s : defaultName;
    }

    private interface Step {
        MetlogClient run();
    }

    private static MetlogClient within(String source, Step step) {
        try {
            return step.run();
        } catch (ConfigurationException e) {
            throw new ConfigurationException(source + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ConfigurationException(source + ": cannot be read: " + e.getCause().getMessage(), e);
        }
    }
}
