package org.metlog.micrometer;

import io.micrometer.core.instrument.step.StepRegistryConfig;
import java.time.Duration;

/**
 * A {@link MetlogRegistryConfig} as Micrometer's step machinery reads it. Micrometer's property lookup
 * ({@link #get}) is not used: the values come from the already validated {@link MetlogRegistryConfig}.
 */
final class StepConfig implements StepRegistryConfig {
    private final MetlogRegistryConfig config;

    StepConfig(MetlogRegistryConfig config) {
        this.config = config;
    }

    @Override
    public String prefix() {
        return "metlog";
    }

    @Override
    public String get(String key) {
        return null;
    }

    @Override
    public Duration step() {
        return config.step();
    }
}
