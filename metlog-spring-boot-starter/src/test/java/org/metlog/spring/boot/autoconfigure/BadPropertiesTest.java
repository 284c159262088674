package org.metlog.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.config.MetlogConfig;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.UnknownOptionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

/** A wrong property stops the start with the loader's own message: the key, the value and what was expected. */
class BadPropertiesTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetlogAutoConfiguration.class))
        .withPropertyValues("metlog.logger=bad-props");

    @AfterEach
    void forgetTheClient() {
        MetlogClient client = ClientHolder.remove("bad-props");
        if (client != null) {
            client.close();
        }
    }

    @Test
    void a_port_that_is_not_a_number_fails_the_start_with_the_loaders_invalid_option_text() {
        runner.withPropertyValues("metlog.sender.class=metlog.senders.UdpSender", "metlog.sender.host=127.0.0.1",
            "metlog.sender.port=notaport").run(context -> {
                Throwable root = rootCause(context.getStartupFailure());
                InvalidOptionException expected = assertThrows(InvalidOptionException.class,
                    () -> MetlogConfig.clientFromMap(Map.of("logger", "bad-props", "sender_class",
                        "metlog.senders.UdpSender", "sender_host", "127.0.0.1", "sender_port", "notaport")));
                assertInstanceOf(InvalidOptionException.class, root);
                assertEquals(expected.getMessage(), root.getMessage());
                assertTrue(root.getMessage().contains("port") && root.getMessage().contains("notaport")
                    && root.getMessage().contains("expected"), root.getMessage());
            });
    }

    @Test
    void a_misspelt_key_fails_the_start_naming_it_and_the_keys_accepted() {
        runner.withPropertyValues("metlog.sender.class=metlog.senders.DebugCaptureSender", "metlog.severty=4")
            .run(context -> {
                Throwable root = rootCause(context.getStartupFailure());
                assertInstanceOf(UnknownOptionException.class, root);
                assertTrue(root.getMessage().contains("severty") && root.getMessage().contains("severity"),
                    root.getMessage());
            });
    }

    @Test
    void a_severity_out_of_range_fails_the_start_naming_the_value_and_the_range() {
        runner.withPropertyValues("metlog.sender.class=metlog.senders.DebugCaptureSender", "metlog.severity=9")
            .run(context -> {
                Throwable root = rootCause(context.getStartupFailure());
                assertTrue(root.getMessage().contains("severity") && root.getMessage().contains("9"),
                    root.getMessage());
            });
    }

    @Test
    void a_filter_without_a_provider_fails_the_start() {
        runner.withPropertyValues("metlog.sender.class=metlog.senders.DebugCaptureSender",
            "metlog.filter.sev.severity=4").run(context -> {
                Throwable root = rootCause(context.getStartupFailure());
                assertEquals("configuration map filters[0]: [null, {severity=4}]: expected a [provider, options] pair"
                    + " such as [\"metlog.filters.severity_max\", {\"severity\": 4}]", root.getMessage());
            });
    }

    @Test
    void a_missing_sender_class_fails_the_start() {
        runner.withPropertyValues("metlog.severity=4").run(context -> {
            Throwable root = rootCause(context.getStartupFailure());
            assertInstanceOf(InvalidOptionException.class, root);
            assertTrue(root.getMessage().contains("required option sender.class is missing"), root.getMessage());
        });
    }

    @Test
    void a_value_where_a_group_of_options_is_written_fails_the_start_naming_both_properties() {
        runner.withPropertyValues("metlog.sender=udp", "metlog.sender.class=metlog.senders.DebugCaptureSender")
            .run(context -> {
                Throwable root = rootCause(context.getStartupFailure());
                assertEquals("property metlog.sender = 'udp' cannot be given together with metlog.sender.class:"
                    + " metlog.sender is a group of options there, not a value", root.getMessage());
            });
    }

    @Test
    void an_ini_location_and_client_properties_together_fail_the_start() {
        runner.withPropertyValues("metlog.config-location=classpath:metlog-test.ini", "metlog.severity=4")
            .run(context -> {
                Throwable root = rootCause(context.getStartupFailure());
                assertEquals("metlog.config-location = 'classpath:metlog-test.ini' and metlog.logger are both"
                    + " given: configure the client either from the INI file or from metlog.* properties, not both",
                    root.getMessage());
            });
    }

    @Test
    void the_start_failure_report_describes_the_loaders_message_instead_of_a_stack_trace() {
        runner.withPropertyValues("metlog.sender.class=metlog.senders.DebugCaptureSender", "metlog.severity=x")
            .run(context -> {
                Throwable failure = context.getStartupFailure();
                FailureAnalysis analysis = new MetlogFailureAnalyzer().analyze(failure);
                assertNotNull(analysis);
                ConfigurationException wrapper = assertInstanceOf(ConfigurationException.class, analysis.getCause());
                assertTrue(wrapper.getMessage().startsWith("metlog.* properties: "), wrapper.getMessage());
                assertSame(rootCause(failure), wrapper.getCause());
                assertEquals("The metlog client could not be configured: " + wrapper.getMessage(),
                    analysis.getDescription());
            });
    }

    @Test
    void a_failed_start_leaves_an_existing_client_as_it_was() {
        MetlogClient early = ClientHolder.get("bad-props");
        runner.withPropertyValues("metlog.sender.class=metlog.senders.DebugCaptureSender", "metlog.severity=9")
            .run(context -> {
                assertNotNull(context.getStartupFailure());
                assertSame(early, ClientHolder.peek("bad-props"));
                assertEquals(List.of(), List.copyOf(early.filters()));
                assertTrue(!early.isActive());
            });
    }

    static Throwable rootCause(Throwable failure) {
        assertNotNull(failure, "the context started");
        return NestedExceptionUtils.getMostSpecificCause(failure);
    }
}
