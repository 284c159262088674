package org.metlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.Sender;

/** What a sender logs through Log4j2 while metlog delivers never comes back into metlog. */
class NoLoopTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final DebugCaptureSender capture = new DebugCaptureSender();
    private final AtomicInteger sends = new AtomicInteger();
    private LoggerContext context;

    @BeforeEach
    void configure() {
        ClientHolder.clear();
        context = Log4j2Contexts.load("/metlog-log4j2-test.xml");
    }

    @AfterEach
    void reset() {
        context.stop();
        ClientHolder.clear();
    }

    /** A sender that, like a misbehaving third-party one, logs through Log4j2 while it sends. */
    private Sender chattyLoggingTo(String loggerName) {
        return message -> {
            sends.incrementAndGet();
            context.getLogger(loggerName).info("sending {}", message.type());
            capture.send(message);
        };
    }

    @Test
    void a_log_call_from_inside_delivery_reaching_another_metlog_appender_is_dropped_not_sent_again() {
        // app.sender goes to METLOG_SENDER, not to the METLOG appender that is delivering: Log4j2's recursion
        // check does not see this one.
        ClientHolder.set("log4j2-app", MetlogClient.builder().sender(chattyLoggingTo("app.sender")).build());
        try (Log4j2Contexts.StatusRecorder status = new Log4j2Contexts.StatusRecorder()) {
            assertTimeoutPreemptively(DEADLINE, () -> context.getLogger("app.orders").warn("one event"));
            assertEquals(1, sends.get(), "the sender's own event was not sent again");
            assertEquals(List.of("one event"), capture.decoded().stream().map(m -> m.get("payload")).toList());
            assertTrue(status.lines().isEmpty(), "dropped quietly, not by Log4j2's recursion check: "
                + status.lines());
        }
    }

    @Test
    void a_log_call_from_inside_delivery_reaching_the_same_appender_is_dropped_not_recursive() {
        ClientHolder.set("log4j2-app", MetlogClient.builder().sender(chattyLoggingTo("app.orders.sender")).build());
        try (Log4j2Contexts.StatusRecorder status = new Log4j2Contexts.StatusRecorder()) {
            assertTimeoutPreemptively(DEADLINE, () -> context.getLogger("app.orders").warn("one event"));
            assertEquals(1, sends.get());
            assertEquals(List.of("one event"), capture.decoded().stream().map(m -> m.get("payload")).toList());
            // Log4j2's own recursion check drops this one before the appender, and says so.
            assertEquals(List.of("Recursive call to appender METLOG"), status.lines());
        }
    }
}
