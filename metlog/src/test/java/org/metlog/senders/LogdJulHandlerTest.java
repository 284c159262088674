package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.logging.MetlogLogging;
import org.metlog.testing.UdpReceiver;

/** pylogd's PylogdHandler, rebuilt from the JUL handler and LogdSender: log records arrive at logd as id 1 maps. */
class LogdJulHandlerTest {

    @Test
    void jul_records_reach_logd_as_pylogd_log_messages_with_level_path_and_traceback() throws Exception {
        String loggerName = "test.logd.handler." + System.nanoTime();
        Logger logger = Logger.getLogger(loggerName);
        logger.setUseParentHandlers(false);
        try (UdpReceiver logd = UdpReceiver.ipv4();
             MetlogClient client = MetlogClient.builder().logger("myapp")
                 .sender(new LogdSender("127.0.0.1", logd.port(), "mylogpath.log")).build()) {
            MetlogLogging.hookLogger(loggerName, client);
            try {
                logger.log(Level.WARNING, "disk {0} is full", "/var");
                Map<String, Object> warning = LogdSenderTest.decode(logd.receive());
                assertEquals(1L, ((Number) warning.get("id")).longValue());
                assertEquals("mylogpath.log", warning.get("path"));
                assertEquals("warning", warning.get("level"));
                assertEquals("disk /var is full", warning.get("msg"));
                assertEquals("myapp", warning.get("name"));

                logger.log(Level.SEVERE, "request failed", new IllegalStateException("boom"));
                Map<String, Object> error = LogdSenderTest.decode(logd.receive());
                assertEquals("error", error.get("level"));
                assertEquals("request failed", error.get("msg"));
                String tb = String.valueOf(error.get("tb"));
                assertTrue(tb.contains("IllegalStateException: boom"), tb);
                assertTrue(tb.contains("\tat "), tb);
            } finally {
                MetlogLogging.unhookLogger(loggerName, client);
            }
        }
    }
}
