package org.metlog.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.metlog.MetlogClient;
import org.metlog.micrometer.MetlogMeterRegistry;
import org.metlog.micrometer.MetlogRegistryConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Registers a {@link MetlogMeterRegistry} bean sending the application's Micrometer meters through the metlog
 * client, when Micrometer and metlog-micrometer are on the class path and {@code metlog.metrics.enabled} is not
 * false. Spring Boot's metrics auto-configuration then adds it to its composite registry (or uses it as the only
 * one), so Actuator's meters flow into metlog. Ordered before Boot's composite and simple registries, which back
 * off when a registry bean exists; named by class so that Actuator stays optional. On shutdown the registry sends
 * the last, partial step and flushes the client before the client is closed.
 */
@AutoConfiguration(after = MetlogAutoConfiguration.class, afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"
}, beforeName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
})
@ConditionalOnClass({MeterRegistry.class, MetlogMeterRegistry.class})
@ConditionalOnBean(MetlogClient.class)
@ConditionalOnProperty(prefix = "metlog.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
public class MetlogMetricsAutoConfiguration {

    /** Created by Spring. */
    public MetlogMetricsAutoConfiguration() {
    }

    /**
     * {@return the registry, publishing from now on}
     *
     * @param client     the client the meters are sent through
     * @param properties the {@code metlog.metrics.*} settings
     * @throws org.metlog.spi.InvalidOptionException if a setting is out of range
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MetlogMeterRegistry metlogMeterRegistry(MetlogClient client, MetlogProperties properties) {
        MetlogProperties.Metrics metrics = properties.getMetrics();
        return MetlogMeterRegistry.builder(client)
            .config(MetlogRegistryConfig.builder()
                .step(metrics.getStep())
                .prefix(metrics.getPrefix())
                .percentiles(metrics.getPercentiles().stream().mapToDouble(Double::doubleValue).toArray())
                .build())
            .build();
    }
}
