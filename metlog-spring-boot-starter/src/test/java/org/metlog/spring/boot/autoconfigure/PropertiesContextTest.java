package org.metlog.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PropertiesContextTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetlogAutoConfiguration.class));

    @AfterEach
    void forgetClients() {
        for (String name : List.of("props-app", "named-by-spring", "metlog", "relaxed")) {
            MetlogClient client = ClientHolder.remove(name);
            if (client != null) {
                client.close();
            }
        }
    }

    @Test
    void properties_configure_the_client_bean_that_the_holder_holds_under_its_logger_name() {
        runner.withPropertyValues(
                "metlog.logger=props-app",
                "metlog.severity=3",
                "metlog.prefix=web",
                "metlog.sender.class=metlog.senders.DebugCaptureSender")
            .run(context -> {
                MetlogClient client = context.getBean(MetlogClient.class);
                assertSame(client, ClientHolder.peek("props-app"));
                assertEquals("props-app", client.logger());
                assertEquals(3, client.severity());
                assertEquals("web", client.prefix());
                DebugCaptureSender capture = assertInstanceOf(DebugCaptureSender.class, client.sender());
                client.incr("logins");
                assertEquals("web.logins", fields(capture.last()).get("name"));
                assertEquals("props-app", capture.last().get("logger"));
            });
    }

    @Test
    void a_client_fetched_from_the_holder_before_the_context_starts_is_the_one_configured() {
        MetlogClient early = ClientHolder.get("props-app");
        runner.withPropertyValues("metlog.logger=props-app", "metlog.sender.class=metlog.senders.DebugCaptureSender")
            .run(context -> {
                assertSame(early, context.getBean(MetlogClient.class));
                assertTrue(early.isActive());
            });
    }

    @Test
    void without_a_logger_the_client_is_named_after_the_application() {
        runner.withPropertyValues("spring.application.name=named-by-spring",
                "metlog.sender.class=metlog.senders.DebugCaptureSender")
            .run(context -> {
                assertSame(context.getBean(MetlogClient.class), ClientHolder.peek("named-by-spring"));
                assertEquals("named-by-spring", context.getBean(MetlogClient.class).logger());
            });
    }

    @Test
    void without_a_logger_or_an_application_name_the_client_is_named_metlog() {
        runner.withPropertyValues("metlog.sender.class=metlog.senders.DebugCaptureSender")
            .run(context -> assertSame(context.getBean(MetlogClient.class), ClientHolder.peek("metlog")));
    }

    @Test
    void option_names_are_relaxed_as_spring_names_are_and_filters_and_lists_are_read_as_ini_sections() {
        runner.withPropertyValues(
                "metlog.logger=relaxed",
                "metlog.disabled-timers[0]=slow",
                "metlog.disabled-timers[1]=slower",
                "metlog.statsInterval=0",
                "metlog.sender.class=metlog.senders.DebugCaptureSender",
                "metlog.filter.sev-max.provider=metlog.filters.severity_max",
                "metlog.filter.sev-max.severity=4")
            .run(context -> {
                MetlogClient client = context.getBean(MetlogClient.class);
                assertEquals(Set.of("slow", "slower"), client.disabledTimers());
                assertEquals(1, client.filters().size());
                DebugCaptureSender capture = (DebugCaptureSender) client.sender();
                client.debug("filtered out by severity_max 4");
                client.warn("kept");
                assertEquals(1, capture.decoded().size(), capture.decoded()::toString);
                assertEquals("kept", capture.last().get("payload"));
            });
    }

    @Test
    void nothing_is_configured_when_no_metlog_property_is_set() {
        runner.run(context -> {
            assertFalse(context.containsBean("metlogClient"));
            assertNull(ClientHolder.peek("metlog"));
        });
    }

    @Test
    void an_application_client_bean_wins_over_the_auto_configured_one() {
        MetlogClient own = MetlogClient.builder().logger("own").build();
        runner.withBean(MetlogClient.class, () -> own)
            .withPropertyValues("metlog.sender.class=metlog.senders.DebugCaptureSender")
            .run(context -> assertSame(own, context.getBean(MetlogClient.class)));
        own.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Map<String, Object> envelope) {
        return (Map<String, Object>) envelope.get("fields");
    }

}
