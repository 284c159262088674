package org.metlog.senders;
import org.metlog.spi.Sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metlog.message.DeliveryStats;
import org.metlog.MetlogClient;
import org.metlog.config.Components;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;
import org.metlog.testing.RecordingHandler;

class StdLibLoggingSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MetlogClient clientWith(Sender sender) {
        return MetlogClient.builder().sender(sender).logger("shop").build();
    }

    @Test
    void a_message_at_a_level_the_logger_does_not_log_is_counted_as_filtered_not_sent() {
        RecordingHandler recorder = new RecordingHandler();
        Logger logger = RecordingHandler.isolatedLogger("metlogout.jul.levels", recorder);
        logger.setLevel(Level.WARNING);
        StdLibLoggingSender sender = new StdLibLoggingSender("metlogout.jul.levels", null, null);
        MetlogClient client = clientWith(sender);
        client.error("kept");
        client.info("below the logger's level");
        client.incr("logins"); // INFO as well

        assertEquals(List.of("kept"), recorder.messages());
        assertEquals(new DeliveryStats(1, 2, 0, 0, 0), sender.stats());
        assertEquals(new DeliveryStats(1, 2, 0, 0, 0), client.deliveryStats());
    }

    @Test
    void by_default_logs_oldstyle_payloads_and_every_other_type_as_json_to_the_root_logger() throws Exception {
        Logger root = Logger.getLogger("");
        Handler[] saved = root.getHandlers();
        Level savedLevel = root.getLevel();
        RecordingHandler recorder = new RecordingHandler();
        for (Handler h : saved) {
            root.removeHandler(h); // keep the console quiet; restored below
        }
        root.addHandler(recorder);
        root.setLevel(Level.ALL);
        try {
            StdLibLoggingSender sender = new StdLibLoggingSender();
            assertEquals("", sender.loggerName());
            MetlogClient client = clientWith(sender);
            client.warn("disk %s full", "/var");
            client.incr("logins", 2);
            client.metlog("custom", "payload of a custom type");

            List<LogRecord> records = recorder.records();
            assertEquals(3, records.size());
            assertEquals("disk /var full", records.get(0).getMessage());
            assertEquals(Level.WARNING, records.get(0).getLevel());
            assertEquals("", records.get(0).getLoggerName());
            assertNull(records.get(0).getSourceClassName(), "formatters show the logger, not a metlog class");

            Map<?, ?> counter = JSON.readValue(records.get(1).getMessage(), Map.class);
            assertEquals("counter", counter.get("type"));
            assertEquals("2", counter.get("payload"));
            assertEquals("shop", counter.get("logger"));
            assertEquals(Map.of("name", "logins", "rate", 1.0), counter.get("fields"));
            assertEquals(Level.INFO, records.get(1).getLevel());
            assertEquals("custom", JSON.readValue(records.get(2).getMessage(), Map.class).get("type"));
            assertEquals(new DeliveryStats(3, 0, 0, 0, 0), sender.stats());
        } finally {
            root.removeHandler(recorder);
            for (Handler h : saved) {
                root.addHandler(h);
            }
            root.setLevel(savedLevel);
        }
    }

    @ParameterizedTest(name = "severity {0} -> {1}")
    @CsvSource({"0, SEVERE", "1, SEVERE", "2, SEVERE", "3, SEVERE", "4, WARNING", "5, INFO", "6, INFO", "7, FINE"})
    void maps_severities_to_levels_like_metlog_py(int severity, String level) {
        RecordingHandler recorder = new RecordingHandler();
        Logger target = RecordingHandler.isolatedLogger("metlogout.levels", recorder);
        MetlogClient client = clientWith(new StdLibLoggingSender("metlogout.levels", null, null));
        client.log(severity, "at " + severity);
        assertEquals(Level.parse(level), recorder.records().get(0).getLevel());
        assertEquals(Level.parse(level), StdLibLoggingSender.level(severity));
        assertEquals("metlogout.levels", target.getName());
    }

    @Test
    void logs_to_a_named_logger() {
        RecordingHandler recorder = new RecordingHandler();
        Logger target = RecordingHandler.isolatedLogger("metlogout.named", recorder);
        StdLibLoggingSender sender = new StdLibLoggingSender("metlogout.named", null, null);
        clientWith(sender).info("hello");
        assertEquals(List.of("hello"), recorder.messages());
        assertEquals("metlogout.named", recorder.records().get(0).getLoggerName());
        assertEquals("metlogout.named", sender.loggerName());
        assertEquals(target, Logger.getLogger(sender.loggerName()));
    }

    @Test
    void logs_specific_payload_and_json_types_and_drops_and_counts_the_rest() throws Exception {
        RecordingHandler recorder = new RecordingHandler();
        Logger target = RecordingHandler.isolatedLogger("metlogout.types", recorder);
        StdLibLoggingSender sender = new StdLibLoggingSender("metlogout.types", List.of("timer"),
            List.of("counter", "oldstyle"));
        MetlogClient client = clientWith(sender);
        client.timerSend("db", 12);
        client.incr("hits");
        client.info("as json");
        client.metlog("custom", "dropped");
        client.metlog("gauge", "dropped too");

        List<String> logged = recorder.messages();
        assertEquals(3, logged.size());
        assertEquals("12", logged.get(0), "a payload type logs only its payload");
        assertEquals("counter", JSON.readValue(logged.get(1), Map.class).get("type"));
        Map<?, ?> oldstyle = JSON.readValue(logged.get(2), Map.class);
        assertEquals("oldstyle", oldstyle.get("type"));
        assertEquals("as json", oldstyle.get("payload"));
        assertEquals(new DeliveryStats(3, 2, 0, 0, 0), sender.stats());
        assertEquals(5, client.stats().sent(), "the client handed every message to the sender");
        assertEquals(Set.of("timer"), sender.payloadTypes());
        assertEquals("metlogout.types", target.getName());
    }

    @Test
    void a_star_payload_type_logs_every_type_as_payload_text() {
        RecordingHandler recorder = new RecordingHandler();
        Logger target = RecordingHandler.isolatedLogger("metlogout.star", recorder);
        MetlogClient client = clientWith(new StdLibLoggingSender("metlogout.star", List.of("*"), List.of()));
        client.incr("hits", 5);
        client.info("text");
        assertEquals(List.of("5", "text"), recorder.messages());
        assertEquals("metlogout.star", target.getName());
    }

    @Test
    void empty_type_lists_drop_everything() {
        RecordingHandler recorder = new RecordingHandler();
        Logger target = RecordingHandler.isolatedLogger("metlogout.none", recorder);
        StdLibLoggingSender sender = new StdLibLoggingSender("metlogout.none", List.of(), List.of());
        clientWith(sender).info("nothing");
        assertTrue(recorder.records().isEmpty());
        assertEquals(1, sender.stats().filtered());
        assertEquals("metlogout.none", target.getName());
    }

    @Test
    void is_built_from_configuration_under_its_metlog_py_name() {
        RecordingHandler recorder = new RecordingHandler();
        Logger target = RecordingHandler.isolatedLogger("metlogout.config", recorder);
        Sender built = Components.sender("metlog.senders.logging.StdLibLoggingSender", Options.of(Map.of(
            "logger_name", "metlogout.config", "payload_types", "oldstyle timer", "json_types", List.of("counter")),
            "metlog.ini [metlog] sender", "sender_"));
        StdLibLoggingSender sender = (StdLibLoggingSender) built;
        assertEquals("metlogout.config", sender.loggerName());
        assertEquals(Set.of("oldstyle", "timer"), sender.payloadTypes());
        assertEquals(Set.of("counter"), sender.jsonTypes());
        clientWith(sender).timerSend("t", 3);
        assertEquals(List.of("3"), recorder.messages());
        assertEquals("metlogout.config", target.getName());
    }

    @Test
    void configuration_defaults_are_the_root_logger_oldstyle_payloads_and_json_for_the_rest() {
        StdLibLoggingSender sender = StdLibLoggingSender.fromConfig(Options.empty());
        assertEquals("", sender.loggerName());
        assertEquals(Set.of("oldstyle"), sender.payloadTypes());
        assertEquals(Set.of("*"), sender.jsonTypes());
    }

    @Test
    void configuration_rejects_unknown_options_and_badly_shaped_types() {
        UnknownOptionException unknown = assertThrows(UnknownOptionException.class, () -> Components.sender(
            "metlog.senders.logging.StdLibLoggingSender", Options.of(Map.of("loger_name", "x"), "ini", "sender_")));
        assertTrue(unknown.getMessage().contains("sender_loger_name"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("sender_logger_name"), unknown.getMessage());

        InvalidOptionException invalid = assertThrows(InvalidOptionException.class, () -> StdLibLoggingSender
            .fromConfig(Options.of(Map.of("json_types", List.of(Map.of("a", 1))), "ini", "sender_")));
        assertTrue(invalid.getMessage().contains("sender_json_types"), invalid.getMessage());
    }
}
