package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.LogbackConfig;
import org.slf4j.LoggerFactory;

class MetlogAppenderTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private LoggerContext context;

    @BeforeEach
    void configure() throws Exception {
        ClientHolder.clear();
        context = LogbackConfig.load("/metlog-logback-test.xml");
    }

    @AfterEach
    void reset() {
        LogbackConfig.reset();
        ClientHolder.clear();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> message) {
        return (Map<String, Object>) message.get("fields");
    }

    @Test
    void logback_xml_configures_the_appender_with_a_client_holder_name() {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        MetlogAppender appender = (MetlogAppender) root.getAppender("METLOG");
        assertEquals("logback-app", appender.getClientName());
        assertTrue(appender.isStarted());
    }

    @Test
    void slf4j_events_at_every_level_reach_the_named_client_with_severities_and_fields() {
        ClientHolder.get("logback-app").setup(sender, "shop", 6, null, null);
        org.slf4j.Logger log = LoggerFactory.getLogger("app.checkout");
        log.trace("trace {}", 1);
        log.debug("debug {}", 2);
        log.info("info {} and {}", 3, "more");
        log.warn("warn");
        log.error("error {}", 5);

        List<Map<String, Object>> sent = sender.decoded();
        assertEquals(List.of("trace 1", "debug 2", "info 3 and more", "warn", "error 5"),
            sent.stream().map(m -> m.get("payload")).toList());
        assertEquals(List.of(7, 7, 6, 4, 3), sent.stream().map(m -> m.get("severity")).toList());
        assertEquals(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
            sent.stream().map(m -> fields(m).get("loglevel")).toList());
        for (Map<String, Object> message : sent) {
            assertEquals("oldstyle", message.get("type"));
            assertEquals("shop", message.get("logger"), "the envelope logger stays the client's");
            assertEquals("app.checkout", fields(message).get("logger_name"));
        }
    }

    @Test
    void a_throwable_appends_its_stack_trace_to_the_formatted_message() {
        ClientHolder.get("logback-app").setup(sender, "shop", 6, null, null);
        IllegalStateException boom = new IllegalStateException("boom", new RuntimeException("root cause"));
        LoggerFactory.getLogger("app.checkout").error("order {} failed", 42, boom);

        String payload = (String) sender.last().get("payload");
        assertTrue(payload.startsWith("order 42 failed\njava.lang.IllegalStateException: boom"), payload);
        assertTrue(payload.contains("Caused by: java.lang.RuntimeException: root cause"), payload);
        assertTrue(payload.contains("MetlogAppenderTest"), "the trace has frames: " + payload);
        assertTrue(!payload.endsWith("\n"), "no trailing newline");
        assertEquals(3, sender.last().get("severity"));
    }

    @Test
    void events_before_the_client_is_registered_are_dropped_and_later_ones_sent() {
        org.slf4j.Logger log = LoggerFactory.getLogger("app.early");
        log.info("before configuration");
        ClientHolder.set("logback-app", MetlogClient.builder().sender(sender).build());
        log.info("after configuration");
        assertEquals(List.of("after configuration"), sender.decoded().stream().map(m -> m.get("payload")).toList());
    }

    @Test
    void without_a_client_name_the_appender_uses_the_holders_default_client() {
        MetlogAppender appender = new MetlogAppender();
        appender.setContext(context);
        appender.setName("DEFAULT");
        appender.start();
        Logger logger = context.getLogger("app.default");
        logger.setAdditive(false);
        logger.addAppender(appender);
        ClientHolder.set("main", MetlogClient.builder().sender(sender).build());

        LoggerFactory.getLogger("app.default").warn("to the default client");
        assertEquals("to the default client", sender.last().get("payload"));
        assertEquals(4, sender.last().get("severity"));
    }
}
