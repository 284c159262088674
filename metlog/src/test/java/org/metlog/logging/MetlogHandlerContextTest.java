package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.RecordingHandler;
import org.metlog.testing.StdCapture;

/** The JUL handler's thread and logger name fields, and their logging.properties switches. */
class MetlogHandlerContextTest {
    private static final String PREFIX = MetlogHandler.class.getName() + ".";
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private final MetlogClient client = MetlogClient.builder().sender(sender).build();

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastFields() {
        return (Map<String, Object>) sender.last().get("fields");
    }

    @Test
    void a_record_carries_the_publishing_threads_name_and_the_jul_logger_name() {
        Logger logger = RecordingHandler.isolatedLogger("app.jul.ctx", new MetlogHandler(client));
        logger.warning("disk full");
        assertEquals(Map.of("logger_name", "app.jul.ctx", "loglevel", "WARNING", "thread",
            Thread.currentThread().getName()), lastFields());
    }

    @Test
    void a_record_published_on_another_thread_than_it_was_logged_on_carries_its_thread_id() {
        LogRecord record = new LogRecord(Level.INFO, "replayed");
        record.setLoggerName("app.jul.replay");
        record.setLongThreadID(Thread.currentThread().getId() + 1_000_000);
        new MetlogHandler(client).publish(record);
        assertEquals("#" + record.getLongThreadID(), lastFields().get("thread"));
    }

    @Test
    void set_log_context_turns_the_thread_and_logger_name_fields_off() {
        MetlogHandler handler = new MetlogHandler(client);
        handler.setLogContext(LogContext.builder().threadName(false).loggerName(false).build());
        RecordingHandler.isolatedLogger("app.jul.off", handler).info("quiet");
        assertEquals(Map.of("loglevel", "INFO"), lastFields());
    }

    @Test
    void logging_properties_turn_the_fields_off_and_a_bad_value_is_reported_naming_the_property() throws Exception {
        String props = PREFIX + "threadName = false\n" + PREFIX + "loggerName = maybe\n";
        LogManager manager = LogManager.getLogManager();
        manager.updateConfiguration(new ByteArrayInputStream(props.getBytes(StandardCharsets.ISO_8859_1)),
            key -> (oldValue, newValue) -> key.startsWith(PREFIX) ? newValue : oldValue);
        try {
            MetlogHandler[] built = new MetlogHandler[1];
            String stderr = StdCapture.stderrOf(() -> built[0] = new MetlogHandler());
            assertTrue(stderr.contains(MetlogHandler.class.getName()
                + ": loggerName = 'maybe': expected true or false"), stderr);
            LogContext context = built[0].logContext();
            assertFalse(context.threadName());
            assertTrue(context.loggerName(), "the bad setting keeps its default");
        } finally {
            manager.updateConfiguration(new ByteArrayInputStream(props.getBytes(StandardCharsets.ISO_8859_1)),
                key -> (oldValue, newValue) -> key.startsWith(PREFIX) ? null : oldValue);
        }
    }
}
