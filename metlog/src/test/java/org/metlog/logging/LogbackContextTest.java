package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.LogbackConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** The Logback appender carries MDC entries, SLF4J 2 key-value pairs, markers and the thread name. */
class LogbackContextTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private LoggerContext context;

    @BeforeEach
    void configure() throws Exception {
        ClientHolder.clear();
        MDC.clear();
        context = LogbackConfig.load("/metlog-logback-context.xml");
        ClientHolder.get("logback-app").setup(sender, "shop", 6, null, null);
    }

    @AfterEach
    void reset() {
        MDC.clear();
        LogbackConfig.reset();
        ClientHolder.clear();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastFields() {
        return (Map<String, Object>) sender.last().get("fields");
    }

    @Test
    void mdc_entries_become_fields_so_a_trace_id_reaches_the_envelope() {
        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        MDC.put("user", "ann");
        LoggerFactory.getLogger("app.checkout").info("paid");

        Map<String, Object> fields = lastFields();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", fields.get("trace_id"));
        assertEquals("ann", fields.get("user"));
        assertEquals("app.checkout", fields.get("logger_name"));
        assertEquals(Thread.currentThread().getName(), fields.get("thread"));
        assertTrue(sender.messages().get(0).contains("\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\""));
    }

    @Test
    void slf4j_2_fluent_key_values_become_fields_and_win_over_an_mdc_entry_of_the_same_name() {
        MDC.put("order", "from-mdc");
        LoggerFactory.getLogger("app.checkout").atWarn().addKeyValue("order", 42).addKeyValue("amount", 9.5)
            .addKeyValue("note", (Object) null).log("refund");

        Map<String, Object> fields = lastFields();
        assertEquals("42", fields.get("order"), "values are strings; the event's own pair wins");
        assertEquals("9.5", fields.get("amount"));
        assertEquals("", fields.get("note"));
        assertEquals("refund", sender.last().get("payload"));
        assertEquals(4, sender.last().get("severity"));
    }

    @Test
    void a_key_value_whose_to_string_throws_is_described_and_the_event_still_sent() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        LoggerFactory.getLogger("app.checkout").atInfo().addKeyValue("bad", hostile).log("still sent");

        assertEquals("still sent", sender.last().get("payload"));
        String bad = (String) lastFields().get("bad");
        assertTrue(bad.startsWith("(a ") && bad.endsWith(" whose toString() threw java.lang.IllegalStateException)"),
            bad);
    }

    @Test
    void markers_become_one_comma_joined_field() {
        Marker audit = MarkerFactory.getMarker("AUDIT");
        Logger log = LoggerFactory.getLogger("app.checkout");
        log.atInfo().addMarker(audit).addMarker(MarkerFactory.getMarker("PII")).log("two markers");
        assertEquals("AUDIT,PII", lastFields().get("markers"));
        log.info(audit, "one marker");
        assertEquals("AUDIT", lastFields().get("markers"));
        log.info("none");
        assertFalse(lastFields().containsKey("markers"));
    }

    @Test
    void context_entries_never_override_the_appenders_own_fields() {
        MDC.put("loglevel", "spoofed");
        MDC.put("thread", "spoofed");
        LoggerFactory.getLogger("app.checkout").atError().addKeyValue("logger_name", "spoofed")
            .addKeyValue("markers", "spoofed").log("real");

        Map<String, Object> fields = lastFields();
        assertEquals("ERROR", fields.get("loglevel"));
        assertEquals(Thread.currentThread().getName(), fields.get("thread"));
        assertEquals("app.checkout", fields.get("logger_name"));
        assertFalse(fields.containsKey("markers"));
    }

    @Test
    void the_thread_field_names_the_thread_that_logged() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "checkout-worker-1"));
        try {
            worker.submit(() -> LoggerFactory.getLogger("app.checkout").info("from a worker")).get(30,
                TimeUnit.SECONDS);
        } finally {
            worker.shutdownNow();
        }
        assertEquals("checkout-worker-1", lastFields().get("thread"));
    }

    @Test
    void logback_xml_options_choose_the_mdc_keys_and_turn_the_rest_off() {
        MDC.put("trace_id", "t-1");
        MDC.put("span_id", "s-1");
        MDC.put("user", "ann");
        LoggerFactory.getLogger("app.narrow").atInfo().addKeyValue("order", 42)
            .addMarker(MarkerFactory.getMarker("AUDIT")).log("narrow");

        assertEquals(Map.of("loglevel", "INFO", "trace_id", "t-1", "span_id", "s-1"), lastFields());
        MetlogAppender narrow = (MetlogAppender) context.getLogger("app.narrow").getAppender("NARROW");
        assertEquals("LogContext(mdc=trace_id,span_id, keyValues=false, markers=false, threadName=false,"
            + " loggerName=false)", narrow.getLogContext().toString());
    }

    @Test
    void a_bad_option_keeps_the_appender_stopped_and_says_which_option_value_and_what_was_expected() {
        MetlogAppender appender = new MetlogAppender();
        appender.setContext(context);
        appender.setName("BAD");
        appender.setMarkers("sometimes");
        appender.start();

        assertFalse(appender.isStarted());
        assertTrue(context.getStatusManager().getCopyOfStatusList().stream().anyMatch(s -> s.getLevel() == Status.ERROR
            && s.getMessage().equals("MetlogAppender BAD: markers = 'sometimes': expected true or false")),
            () -> context.getStatusManager().getCopyOfStatusList().toString());
    }
}
