package org.metlog.spring.boot.autoconfigure;

import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of a {@link MetlogClient} bean from {@code metlog.*} properties or from the INI file that
 * {@code metlog.config-location} names (docs/spring-boot.md). Active when any {@code metlog.*} client property
 * or the location is set and the application defines no {@code MetlogClient} bean of its own. The client is the
 * one {@link ClientHolder} holds under its logger name (default: {@code spring.application.name}, else
 * {@code metlog}), configured in place, so code that took it from the holder before the context started uses
 * the configured one. The context closes it (flushing what its sender still holds) on shutdown, after the beans
 * that use it; it stays in the holder, closed, so a restarted context configures the same object again.
 * Configuration errors fail the start with the library's message naming the key, the value and what was expected.
 */
@AutoConfiguration
@EnableConfigurationProperties(MetlogProperties.class)
@Conditional(OnMetlogConfiguration.class)
public class MetlogAutoConfiguration {

    /** Created by Spring. */
    public MetlogAutoConfiguration() {
    }

    /**
     * {@return the configured client}
     *
     * @param environment the application's environment, whose {@code metlog.*} properties configure the client
     * @param properties  the starter's own settings
     * @param resources   resolves {@code metlog.config-location}
     * @throws org.metlog.spi.ConfigurationException if the configuration is wrong
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MetlogClient metlogClient(ConfigurableEnvironment environment, MetlogProperties properties,
                                     ResourceLoader resources) {
        String application = environment.getProperty("spring.application.name", "");
        return new ClientConfigurer(PropertyTree.read(environment), properties, resources)
            .configure(application.isBlank() ? MetlogProperties.PREFIX : application);
    }
}
