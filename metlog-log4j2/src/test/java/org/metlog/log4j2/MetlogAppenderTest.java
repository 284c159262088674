package org.metlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;

/** The {@code <Metlog>} appender of a real log4j2.xml (metlog-log4j2-test.xml) and what reaches its client. */
class MetlogAppenderTest {
    private static final String DESCRIPTOR = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";
    private final DebugCaptureSender capture = new DebugCaptureSender();
    private LoggerContext context;

    @BeforeEach
    void configure() {
        ClientHolder.clear();
        ThreadContext.clearAll();
        context = Log4j2Contexts.load("/metlog-log4j2-test.xml");
    }

    @AfterEach
    void reset() {
        context.stop();
        ThreadContext.clearAll();
        ClientHolder.clear();
    }

    private void registerClient() {
        ClientHolder.get("log4j2-app").setup(capture, "shop", 6, null, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Map<String, Object> message) {
        return (Map<String, Object>) message.get("fields");
    }

    @Test
    void log4j2_xml_creates_the_appender_found_through_the_plugin_descriptor_this_module_generates()
        throws Exception {
        MetlogAppender appender = assertInstanceOf(MetlogAppender.class,
            context.getConfiguration().getAppender("METLOG"));
        assertEquals("log4j2-app", appender.clientName());
        assertTrue(appender.isStarted());
        boolean listed = false;
        for (URL url : Collections.list(getClass().getClassLoader().getResources(DESCRIPTOR))) {
            try (InputStream in = url.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
                    .contains(MetlogAppender.class.getName());
            }
        }
        assertTrue(listed, "a " + DESCRIPTOR + " on the class path names " + MetlogAppender.class.getName());
    }

    @ParameterizedTest(name = "{0} -> severity {1}")
    @CsvSource({"TRACE, 7", "DEBUG, 7", "INFO, 6", "WARN, 4", "ERROR, 3", "FATAL, 2"})
    void every_level_maps_to_its_severity_with_the_oldstyle_type_and_the_events_fields(String level, int severity) {
        registerClient();
        context.getLogger("app.checkout").log(Level.getLevel(level), "order {} for {}", 42, "ann");

        Map<String, Object> sent = capture.last();
        assertEquals(1, capture.decoded().size());
        assertEquals("oldstyle", sent.get("type"));
        assertEquals(severity, sent.get("severity"));
        assertEquals("shop", sent.get("logger"), "the envelope logger stays the client's");
        assertEquals("order 42 for ann", sent.get("payload"));
        assertEquals(Map.of("logger_name", "app.checkout", "loglevel", level, "thread",
            Thread.currentThread().getName()), fields(sent));
    }

    @Test
    void a_custom_level_takes_the_severity_of_the_nearest_standard_level_below_it_in_importance() {
        registerClient();
        Logger log = context.getLogger("app.custom");
        log.log(Level.forName("NOTE", 350), "between WARN and INFO");
        log.log(Level.forName("SEVERE_ISH", 150), "between FATAL and ERROR");
        assertEquals(List.of(6, 3), capture.decoded().stream().map(m -> m.get("severity")).toList());
        assertEquals(List.of("NOTE", "SEVERE_ISH"),
            capture.decoded().stream().map(m -> fields(m).get("loglevel")).toList());
    }

    @Test
    void a_throwable_appends_its_stack_trace_to_the_formatted_message() {
        registerClient();
        IllegalStateException boom = new IllegalStateException("boom", new RuntimeException("root cause"));
        context.getLogger("app.checkout").error("order {} failed", 42, boom);

        String payload = (String) capture.last().get("payload");
        assertEquals("order 42 failed\n" + MetlogClient.stackTrace(boom), payload);
        assertTrue(payload.contains("Caused by: java.lang.RuntimeException: root cause"), payload);
        assertTrue(payload.contains("MetlogAppenderTest"), "the trace has frames: " + payload);
    }

    @Test
    void thread_context_entries_become_fields_so_a_trace_id_reaches_the_envelope() {
        registerClient();
        ThreadContext.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        ThreadContext.put("user", "ann");
        ThreadContext.put("loglevel", "spoofed");
        context.getLogger("app.checkout").info("paid");

        Map<String, Object> fields = fields(capture.last());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", fields.get("trace_id"));
        assertEquals("ann", fields.get("user"));
        assertEquals("INFO", fields.get("loglevel"), "a context entry never overrides the appender's own fields");
        assertTrue(capture.messages().get(0).contains("\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\""),
            "in the encoded envelope: " + capture.messages().get(0));
    }

    @Test
    void a_marker_becomes_the_markers_field_and_no_marker_no_field() {
        registerClient();
        Logger log = context.getLogger("app.checkout");
        log.warn(MarkerManager.getMarker("AUDIT"), "refund");
        log.warn("no marker");

        assertEquals("AUDIT", fields(capture.decoded().get(0)).get("markers"));
        assertFalse(fields(capture.decoded().get(1)).containsKey("markers"));
    }

    @Test
    void the_attributes_choose_the_context_keys_and_turn_markers_thread_and_logger_name_off() {
        registerClient();
        ThreadContext.put("trace_id", "t-1");
        ThreadContext.put("span_id", "s-1");
        ThreadContext.put("user", "ann");
        context.getLogger("app.narrow").info(MarkerManager.getMarker("AUDIT"), "narrow");

        assertEquals(Map.of("loglevel", "INFO", "trace_id", "t-1", "span_id", "s-1"), fields(capture.last()));
        MetlogAppender narrow = context.getConfiguration().getAppender("NARROW");
        assertEquals(java.util.Set.of("trace_id", "span_id"), narrow.logContext().mdcKeys());
    }

    @Test
    void a_bad_attribute_fails_the_appender_with_a_message_naming_it_its_value_and_what_was_expected() {
        try (Log4j2Contexts.StatusRecorder status = new Log4j2Contexts.StatusRecorder()) {
            LoggerContext bad = Log4j2Contexts.load("/metlog-log4j2-bad.xml");
            try {
                assertNull(bad.getConfiguration().getAppender("BAD"));
                assertTrue(status.lines().stream().anyMatch(l ->
                    l.contains("Metlog appender 'BAD': threadName = 'yes': expected true or false")),
                    () -> status.lines().toString());
            } finally {
                bad.stop();
            }
        }
    }

    @Test
    void events_before_the_client_is_registered_are_dropped_and_later_ones_sent() {
        Logger log = context.getLogger("app.early");
        log.info("before configuration");
        ClientHolder.set("log4j2-app", MetlogClient.builder().sender(capture).build());
        log.info("after configuration");
        assertEquals(List.of("after configuration"), capture.decoded().stream().map(m -> m.get("payload")).toList());
    }

    @Test
    void events_from_metlog_loggers_are_ignored() {
        registerClient();
        context.getLogger("org.metlog.senders.Something").error("internal");
        context.getLogger("org.metlogger.app").error("application");
        assertEquals(List.of("application"), capture.decoded().stream().map(m -> m.get("payload")).toList());
    }

    @Test
    void a_failure_while_reading_the_event_is_reported_and_never_thrown_even_without_ignore_exceptions() {
        registerClient();
        try (Log4j2Contexts.StatusRecorder status = new Log4j2Contexts.StatusRecorder()) {
            Logger strict = context.getLogger("app.strict");
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> strict.info(new Messages.Hostile()));
            strict.info("next");
            assertEquals(List.of("next"), capture.decoded().stream().map(m -> m.get("payload")).toList());
            assertTrue(status.lines().stream().anyMatch(l -> l.contains("sending a log event to metlog failed")
                && l.contains("hostile message")), () -> status.lines().toString());
        }
    }
}
