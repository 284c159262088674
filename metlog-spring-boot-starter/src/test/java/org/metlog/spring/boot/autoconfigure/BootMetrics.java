package org.metlog.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/**
 * Spring Boot's own metrics auto-configurations (the registry bean, the composite, the simple fallback), by name:
 * they moved between Boot 3 (spring-boot-actuator-autoconfigure) and Boot 4 (spring-boot-micrometer-metrics), and
 * the tests run against either.
 */
final class BootMetrics {
    private static final List<String> BOOT_3 = List.of(
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration");
    private static final List<String> BOOT_4 = List.of(
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration");

    private BootMetrics() {
    }

    /** {@return the starter's two auto-configurations and Boot's metrics ones, of the Boot on the class path} */
    static AutoConfigurations withStarter() {
        List<Class<?>> classes = new ArrayList<>(List.of(MetlogAutoConfiguration.class,
            MetlogMetricsAutoConfiguration.class));
        for (String name : present(BOOT_3) ? BOOT_3 : BOOT_4) {
            classes.add(load(name));
        }
        return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
    }

    private static boolean present(List<String> names) {
        try {
            Class.forName(names.get(0), false, BootMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, BootMetrics.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Spring Boot's " + name + " is not on the class path", e);
        }
    }
}
