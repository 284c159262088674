package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.RecordingHandler;

class MetlogHandlerTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private final MetlogClient client = MetlogClient.builder().sender(sender).logger("shop").severity(6).build();

    @BeforeEach
    @AfterEach
    void resetHolder() {
        ClientHolder.clear();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> message) {
        return (Map<String, Object>) message.get("fields");
    }

    @ParameterizedTest(name = "{0} -> severity {1}")
    @CsvSource({"SEVERE, 3", "WARNING, 4", "INFO, 6", "CONFIG, 5", "FINE, 7", "FINER, 7", "FINEST, 7"})
    void sends_records_at_every_level_with_and_without_parameters_and_throwables(String levelName, int severity) {
        Level level = Level.parse(levelName);
        Logger logger = RecordingHandler.isolatedLogger("app.levels." + levelName, new MetlogHandler(client));
        IllegalStateException boom = new IllegalStateException("boom");

        logger.log(level, "plain {0} text");
        logger.log(level, "order {0} for {1}", new Object[] {42, "ann"});
        logger.log(level, "failed", boom);
        LogRecord both = new LogRecord(level, "order {0} failed");
        both.setParameters(new Object[] {7});
        both.setThrown(boom);
        both.setLoggerName(logger.getName());
        logger.log(both);

        List<Map<String, Object>> sent = sender.decoded();
        assertEquals(4, sent.size());
        for (Map<String, Object> message : sent) {
            assertEquals("oldstyle", message.get("type"));
            assertEquals(severity, message.get("severity"));
            assertEquals("shop", message.get("logger"), "the envelope logger stays the client's");
            assertEquals(Map.of("logger_name", "app.levels." + levelName, "loglevel", levelName, "thread",
                Thread.currentThread().getName()), fields(message));
        }
        assertEquals("plain {0} text", sent.get(0).get("payload"), "no parameters: the text is kept as is");
        assertEquals("order 42 for ann", sent.get(1).get("payload"));
        assertEquals("failed\n" + MetlogClient.stackTrace(boom), sent.get(2).get("payload"));
        assertEquals("order 7 failed\n" + MetlogClient.stackTrace(boom), sent.get(3).get("payload"));
        assertTrue(((String) sent.get(3).get("payload")).contains("java.lang.IllegalStateException: boom"));
    }

    @ParameterizedTest(name = "custom level {0} -> severity {1}")
    @CsvSource({"1100, 3", "1000, 3", "950, 4", "850, 6", "750, 5", "700, 5", "600, 7", "-2147483648, 7"})
    void maps_custom_levels_by_the_nearest_standard_level_below(int value, int severity) {
        MetlogHandler handler = new MetlogHandler(client);
        LogRecord record = new LogRecord(new CustomLevel("CUSTOM" + value, value), "custom");
        record.setLoggerName("app.custom");
        handler.publish(record);
        assertEquals(severity, sender.last().get("severity"));
        assertEquals("CUSTOM" + value, fields(sender.last()).get("loglevel"));
    }

    @Test
    void honours_the_handler_level_and_filter() {
        MetlogHandler handler = new MetlogHandler(client);
        handler.setLevel(Level.WARNING);
        handler.setFilter(r -> !r.getMessage().contains("secret"));
        Logger logger = RecordingHandler.isolatedLogger("app.filtered", handler);
        logger.info("below the level");
        logger.warning("the secret");
        logger.warning("kept");
        assertEquals(List.of("kept"), sender.decoded().stream().map(m -> m.get("payload")).toList());
    }

    @Test
    void a_formatter_set_on_the_handler_renders_the_payload() {
        MetlogHandler handler = new MetlogHandler(client);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getLevel() + ": " + formatMessage(record);
            }
        });
        Logger logger = RecordingHandler.isolatedLogger("app.formatted", handler);
        logger.log(Level.INFO, "hello {0}", "world");
        assertEquals("INFO: hello world", sender.last().get("payload"));
    }

    @Test
    void a_named_handler_finds_a_client_registered_after_it_was_installed() {
        MetlogHandler handler = MetlogHandler.named("late");
        Logger logger = RecordingHandler.isolatedLogger("app.late", handler);
        logger.info("before configuration");
        assertNull(ClientHolder.peek("late"), "looking the client up must not create it");

        ClientHolder.set("late", client);
        logger.info("after configuration");
        assertEquals(List.of("after configuration"), sender.decoded().stream().map(m -> m.get("payload")).toList());
        assertEquals("late", handler.clientName());
        assertNull(handler.client());
    }

    @Test
    void a_handler_without_a_client_name_uses_the_holders_default_client() {
        MetlogHandler handler = MetlogHandler.named(null);
        Logger logger = RecordingHandler.isolatedLogger("app.default", handler);
        ClientHolder.set("main", client);
        logger.info("to the default");
        assertEquals("to the default", sender.last().get("payload"));
    }

    @Test
    void the_no_argument_constructor_reads_client_and_level_from_logging_properties() throws Exception {
        String prefix = MetlogHandler.class.getName() + ".";
        String props = prefix + "client = props\n" + prefix + "level = WARNING\n";
        LogManager manager = LogManager.getLogManager();
        manager.updateConfiguration(new ByteArrayInputStream(props.getBytes(StandardCharsets.ISO_8859_1)),
            key -> (oldValue, newValue) -> key.startsWith(prefix) ? newValue : oldValue);
        try {
            MetlogHandler handler = new MetlogHandler();
            assertEquals("props", handler.clientName());
            assertEquals(Level.WARNING, handler.getLevel());
            ClientHolder.set("props", client);
            Logger logger = RecordingHandler.isolatedLogger("app.props", handler);
            logger.info("dropped by level");
            logger.severe("sent");
            assertEquals(List.of("sent"), sender.decoded().stream().map(m -> m.get("payload")).toList());
        } finally {
            manager.updateConfiguration(new ByteArrayInputStream(props.getBytes(StandardCharsets.ISO_8859_1)),
                key -> (oldValue, newValue) -> key.startsWith(prefix) ? null : oldValue);
        }
    }

    @Test
    void a_closed_handler_sends_nothing_and_leaves_the_client_open() {
        MetlogHandler handler = new MetlogHandler(client);
        Logger logger = RecordingHandler.isolatedLogger("app.closed", handler);
        handler.close();
        logger.info("after close");
        assertTrue(sender.messages().isEmpty());
        client.info("the client still works");
        assertEquals(1, sender.messages().size());
    }

    private static final class CustomLevel extends Level {
        CustomLevel(String name, int value) {
            super(name, value);
        }
    }
}
