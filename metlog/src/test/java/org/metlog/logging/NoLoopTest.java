package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.message.Message;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.Sender;
import org.metlog.senders.StdLibLoggingSender;
import org.metlog.testing.LogbackConfig;
import org.metlog.testing.RecordingHandler;
import org.slf4j.LoggerFactory;

/** Whatever metlog itself logs never comes back into metlog. */
class NoLoopTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final DebugCaptureSender capture = new DebugCaptureSender();

    @BeforeEach
    @AfterEach
    void reset() {
        ClientHolder.clear();
        LogbackConfig.reset();
    }

    /** A sender that, like a misbehaving third-party one, logs through JUL and SLF4J while it sends. */
    private static final class ChattySender implements Sender {
        private final Sender next;
        private final AtomicInteger sends = new AtomicInteger();

        ChattySender(Sender next) {
            this.next = next;
        }

        @Override
        public void send(Message message) throws Exception {
            sends.incrementAndGet();
            Logger.getLogger("app.loop.sender").info("sending " + message.type());
            LoggerFactory.getLogger("app.loop.sender").info("sending {}", message.type());
            next.send(message);
        }
    }

    @Test
    void a_sender_that_logs_through_jul_while_sending_does_not_loop_back() {
        RecordingHandler recorder = new RecordingHandler();
        Logger app = RecordingHandler.isolatedLogger("app.loop", recorder);
        ChattySender chatty = new ChattySender(capture);
        MetlogClient client = MetlogClient.builder().sender(chatty).build();
        MetlogLogging.hookLogger("app.loop", client);
        try {
            assertTimeoutPreemptively(DEADLINE, () -> app.info("one record"));
            assertEquals(1, chatty.sends.get(), "the sender's own record was not sent again");
            assertEquals(List.of("one record"), capture.decoded().stream().map(m -> m.get("payload")).toList());
            assertEquals(List.of("one record", "sending oldstyle"), recorder.messages(),
                "other handlers still see the sender's record");
        } finally {
            MetlogLogging.unhookLogger("app.loop", client);
        }
    }

    @Test
    void a_sender_that_logs_through_slf4j_while_sending_does_not_loop_back() throws Exception {
        LogbackConfig.load("/metlog-logback-test.xml");
        ChattySender chatty = new ChattySender(capture);
        ClientHolder.set("logback-app", MetlogClient.builder().sender(chatty).build());
        assertTimeoutPreemptively(DEADLINE, () -> LoggerFactory.getLogger("app.loop").warn("one event"));
        assertEquals(1, chatty.sends.get());
        assertEquals(List.of("one event"), capture.decoded().stream().map(m -> m.get("payload")).toList());
    }

    @Test
    void records_from_metlog_loggers_are_ignored_by_the_handler() {
        MetlogHandler handler = new MetlogHandler(MetlogClient.builder().sender(capture).build());
        for (String name : List.of("org.metlog", "org.metlog.x", "org.metlog.senders.Something")) {
            LogRecord record = new LogRecord(Level.SEVERE, "from " + name);
            record.setLoggerName(name);
            handler.publish(record);
        }
        LogRecord lookalike = new LogRecord(Level.SEVERE, "from org.metlogger.app");
        lookalike.setLoggerName("org.metlogger.app");
        handler.publish(lookalike);
        assertEquals(List.of("from org.metlogger.app"),
            capture.decoded().stream().map(m -> m.get("payload")).toList());
    }

    @Test
    void events_from_metlog_loggers_are_ignored_by_the_appender() throws Exception {
        LogbackConfig.load("/metlog-logback-test.xml");
        ClientHolder.set("logback-app", MetlogClient.builder().sender(capture).build());
        LoggerFactory.getLogger("org.metlog.x").error("internal");
        LoggerFactory.getLogger("app.outside").error("application");
        assertEquals(List.of("application"), capture.decoded().stream().map(m -> m.get("payload")).toList());
    }

    @Test
    void the_jul_handler_does_not_feed_std_lib_logging_sender_output_back_into_metlog() {
        RecordingHandler recorder = new RecordingHandler();
        Logger tree = RecordingHandler.isolatedLogger("combo", recorder);
        StdLibLoggingSender out = new StdLibLoggingSender("combo.metlog", null, null);
        MetlogClient client = MetlogClient.builder().sender(out).logger("shop").build();
        MetlogLogging.hookLogger("combo", client);
        try {
            assertTimeoutPreemptively(DEADLINE, () -> Logger.getLogger("combo.app").warning("disk full"));
            assertEquals(1, client.stats().sent(), "the sender's output was not sent again");
            assertEquals(1, out.stats().sent());
            assertEquals(List.of("disk full", "disk full"), recorder.messages(),
                "the application record and metlog's rendering of it both reach the log");
            assertEquals(List.of("combo.app", "combo.metlog"),
                recorder.records().stream().map(LogRecord::getLoggerName).toList());
        } finally {
            MetlogLogging.unhookLogger("combo", client);
        }
    }

    @Test
    void std_lib_logging_sender_output_from_another_thread_does_not_loop_either() throws Exception {
        RecordingHandler recorder = new RecordingHandler();
        Logger tree = RecordingHandler.isolatedLogger("combo.async", recorder);
        StdLibLoggingSender out = new StdLibLoggingSender("combo.async.metlog", null, null);
        ExecutorService background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metlog-test-background");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger handedOver = new AtomicInteger();
        Sender async = message -> {
            handedOver.incrementAndGet();
            background.execute(() -> out.send(message));
        };
        MetlogClient client = MetlogClient.builder().sender(async).build();
        MetlogLogging.hookLogger("combo.async", client);
        try {
            Logger.getLogger("combo.async.app").info("from the application");
            background.shutdown();
            assertTrue(background.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            assertEquals(1, handedOver.get(), "the background thread's record was not sent again");
            assertEquals(2, recorder.records().size());
        } finally {
            background.shutdownNow();
            MetlogLogging.unhookLogger("combo.async", client);
        }
    }

    @Test
    void the_appender_does_not_feed_slf4j_logging_sender_output_back_into_metlog() throws Exception {
        LoggerContext context = LogbackConfig.load("/metlog-logback-test.xml");
        Slf4jLoggingSender out = new Slf4jLoggingSender("app.metlog", null, null);
        MetlogClient client = MetlogClient.builder().sender(out).build();
        ClientHolder.set("logback-app", client);
        assertTimeoutPreemptively(DEADLINE, () -> LoggerFactory.getLogger("app.orders").info("order placed"));
        assertEquals(1, client.stats().sent());
        assertEquals(1, out.stats().sent());
        assertTrue(context.getLogger("app.metlog").isAdditive());
    }

    @Test
    void a_logback_event_sent_out_through_jul_is_not_taken_back_in_by_a_hooked_jul_logger() throws Exception {
        LogbackConfig.load("/metlog-logback-test.xml");
        RecordingHandler recorder = new RecordingHandler();
        Logger tree = RecordingHandler.isolatedLogger("cross", recorder);
        StdLibLoggingSender out = new StdLibLoggingSender("cross.metlog", null, null);
        MetlogClient client = MetlogClient.builder().sender(out).build();
        ClientHolder.set("logback-app", client);
        MetlogLogging.hookLogger("cross", client);
        try {
            assertTimeoutPreemptively(DEADLINE, () -> LoggerFactory.getLogger("app.cross").error("from slf4j"));
            assertEquals(1, client.stats().sent());
            assertEquals(List.of("from slf4j"), recorder.messages());
        } finally {
            MetlogLogging.unhookLogger("cross", client);
        }
    }
}
