package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.MetlogClient;
import org.metlog.config.Components;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;
import org.metlog.testing.LogbackConfig;

class Slf4jLoggingSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void reset() {
        LogbackConfig.reset();
    }

    private static ListAppender<ILoggingEvent> record(String loggerName) {
        Logger logger = LogbackConfig.context().getLogger(loggerName);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(LogbackConfig.context());
        appender.start();
        logger.setLevel(Level.TRACE);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return appender;
    }

    @Test
    void a_message_at_a_level_the_logger_does_not_log_is_counted_as_filtered_not_sent() {
        ListAppender<ILoggingEvent> events = record("metlogout.slf4j.levels");
        LogbackConfig.context().getLogger("metlogout.slf4j.levels").setLevel(Level.WARN);
        Slf4jLoggingSender sender = new Slf4jLoggingSender("metlogout.slf4j.levels", null, null);
        MetlogClient client = MetlogClient.builder().sender(sender).logger("shop").build();
        client.error("kept");
        client.info("below the logger's level");
        client.incr("hits"); // INFO as well

        assertEquals(List.of("kept"), events.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertEquals(new DeliveryStats(1, 2, 0, 0, 0), sender.stats());
        assertEquals(new DeliveryStats(1, 2, 0, 0, 0), client.deliveryStats());
    }

    @Test
    void logs_payloads_and_json_at_the_level_of_each_severity() throws Exception {
        ListAppender<ILoggingEvent> events = record("metlogout.slf4j");
        Slf4jLoggingSender sender = new Slf4jLoggingSender("metlogout.slf4j", null, null);
        MetlogClient client = MetlogClient.builder().sender(sender).logger("shop").build();
        for (int severity = 0; severity <= 7; severity++) {
            client.log(severity, "at %d {}", severity);
        }
        client.incr("hits");

        List<ILoggingEvent> logged = events.list;
        assertEquals(9, logged.size());
        assertEquals(List.of("ERROR", "ERROR", "ERROR", "ERROR", "WARN", "INFO", "INFO", "DEBUG", "INFO"),
            logged.stream().map(e -> e.getLevel().toString()).toList());
        assertEquals("at 4 {}", logged.get(4).getFormattedMessage(), "{} in metlog text is not a placeholder");
        for (int severity = 0; severity <= 7; severity++) {
            assertEquals(logged.get(severity).getLevel().toString(), Slf4jLoggingSender.levelName(severity));
        }
        Map<?, ?> counter = JSON.readValue(logged.get(8).getFormattedMessage(), Map.class);
        assertEquals("counter", counter.get("type"));
        assertEquals("shop", counter.get("logger"));
        assertEquals(new DeliveryStats(9, 0, 0, 0, 0), sender.stats());
    }

    @Test
    void drops_and_counts_types_in_neither_list() {
        ListAppender<ILoggingEvent> events = record("metlogout.slf4j.types");
        Slf4jLoggingSender sender = new Slf4jLoggingSender("metlogout.slf4j.types", List.of("oldstyle"),
            List.of("timer"));
        MetlogClient client = MetlogClient.builder().sender(sender).build();
        client.info("kept");
        client.timerSend("t", 5);
        client.incr("dropped");
        assertEquals(2, events.list.size());
        assertEquals(1, sender.stats().filtered());
    }

    @Test
    void is_built_from_configuration_by_class_name_and_defaults_to_the_root_logger() {
        Sender built = Components.sender("org.metlog.logging.Slf4jLoggingSender",
            Options.of(Map.of("logger_name", "metlogout.slf4j.config", "json_types", "counter"), "ini", "sender_"));
        assertEquals("metlogout.slf4j.config", ((Slf4jLoggingSender) built).loggerName());
        assertEquals(org.slf4j.Logger.ROOT_LOGGER_NAME, new Slf4jLoggingSender().loggerName());
        assertTrue(Slf4jLoggingSender.fromConfig(Options.empty()).toString().contains("payload_types=[oldstyle]"));
    }
}
