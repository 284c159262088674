package org.metlog.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.micrometer.MetlogMeterRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MetricsAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(BootMetrics.withStarter())
        .withPropertyValues("metlog.logger=metrics-app", "metlog.sender.class=metlog.senders.DebugCaptureSender");

    @AfterEach
    void forgetTheClient() {
        MetlogClient client = ClientHolder.remove("metrics-app");
        if (client != null) {
            client.close();
        }
    }

    @Test
    void the_metlog_registry_is_the_applications_meter_registry_and_sends_through_the_client() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            MetlogMeterRegistry metlog = assertInstanceOf(MetlogMeterRegistry.class, registry);
            assertSame(context.getBean(MetlogClient.class), metlog.client());
        });
    }

    @Test
    void beside_another_registry_it_joins_boots_composite_registry() {
        runner.withBean("otherRegistry", SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            CompositeMeterRegistry composite = assertInstanceOf(CompositeMeterRegistry.class,
                context.getBean(MeterRegistry.class));
            assertTrue(composite.getRegistries().contains(context.getBean(MetlogMeterRegistry.class)),
                composite.getRegistries()::toString);
            assertEquals(2, composite.getRegistries().size());
        });
    }

    @Test
    void metrics_enabled_false_leaves_the_meters_out_of_metlog() {
        runner.withPropertyValues("metlog.metrics.enabled=false").run(context -> {
            assertTrue(context.getBeansOfType(MetlogMeterRegistry.class).isEmpty());
            assertInstanceOf(SimpleMeterRegistry.class, context.getBean(MeterRegistry.class));
            assertTrue(context.getBean(MetlogClient.class).isActive());
        });
    }

    @Test
    void without_metlog_micrometer_on_the_class_path_there_is_a_client_and_no_metlog_registry() {
        runner.withClassLoader(new FilteredClassLoader(MetlogMeterRegistry.class)).run(context -> {
            assertFalse(context.containsBean("metlogMeterRegistry"));
            assertTrue(context.getBean(MetlogClient.class).isActive());
        });
    }

    @Test
    void the_step_prefix_and_percentiles_come_from_metlog_metrics_properties() {
        runner.withPropertyValues("metlog.metrics.step=5s", "metlog.metrics.prefix=shop",
            "metlog.metrics.percentiles=0.5,0.99").run(context -> {
                MetlogMeterRegistry registry = context.getBean(MetlogMeterRegistry.class);
                assertEquals(Duration.ofSeconds(5), registry.registryConfig().step());
                assertEquals("shop", registry.registryConfig().prefix());
                assertArrayEquals(new double[] {0.5, 0.99}, registry.registryConfig().percentiles());
            });
    }

    @Test
    void a_step_below_a_millisecond_fails_the_start_with_the_registrys_message() {
        runner.withPropertyValues("metlog.metrics.step=0s").run(context -> {
            Throwable root = BadPropertiesTest.rootCause(context.getStartupFailure());
            assertTrue(root.getMessage().contains("step") && root.getMessage().contains("at least 1 ms"),
                root.getMessage());
        });
    }
}
