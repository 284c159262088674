package org.metlog;
import org.metlog.message.Severity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;

class LogMethodsTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private final MetlogClient client = MetlogClient.builder().sender(sender).logger("app").build();

    private String payload() {
        return (String) sender.last().get("payload");
    }

    @Test
    void each_log_method_sends_an_oldstyle_message_at_its_severity() {
        client.debug("d");
        client.info("i");
        client.warn("w");
        client.error("e");
        client.critical("c");
        client.exception("x");
        client.log(Severity.NOTICE, "n");
        int[] expected = {7, 6, 4, 3, 2, 1, 5};
        String[] payloads = {"d", "i", "w", "e", "c", "x", "n"};
        var messages = sender.decoded();
        assertEquals(expected.length, messages.size());
        for (int i = 0; i < expected.length; i++) {
            Map<String, Object> msg = messages.get(i);
            assertEquals("oldstyle", msg.get("type"));
            assertEquals(expected[i], msg.get("severity"), payloads[i]);
            assertEquals(payloads[i], msg.get("payload"));
            assertEquals("app", msg.get("logger"));
            assertEquals(Map.of(), msg.get("fields"));
        }
    }

    @Test
    void log_methods_format_printf_style_arguments_like_python() {
        client.info("%s took %d ms (%r) %.2f%%", "query", 12, "q", 3.14159);
        assertEquals("query took 12 ms ('q') 3.14%", payload());
    }

    @Test
    void log_methods_format_named_arguments_from_a_map() {
        client.warn("disk %(disk)s is %(pct)d%% full", Map.of("disk", "/var", "pct", 91));
        assertEquals("disk /var is 91% full", payload());
    }

    @Test
    void a_message_without_arguments_is_sent_unformatted() {
        client.info("100%");
        assertEquals("100%", payload());
        client.info("50%% and %s stay as written");
        assertEquals("50%% and %s stay as written", payload());
    }

    @Test
    void a_null_message_is_sent_as_an_empty_payload() {
        client.info(null);
        assertEquals("", payload());
    }

    @Test
    void arguments_that_do_not_fit_never_throw_and_are_appended_to_the_text() {
        assertDoesNotThrow(() -> client.info("%d items", "many"));
        assertEquals("%d items [many]", payload());
        assertDoesNotThrow(() -> client.info("%s and %s", "one"));
        assertEquals("%s and %s [one]", payload());
        assertDoesNotThrow(() -> client.info("no conversions", "extra"));
        assertEquals("no conversions [extra]", payload());
        assertDoesNotThrow(() -> client.info("%(missing)s", Map.of("a", 1)));
        assertEquals("%(missing)s [{a=1}]", payload());
        assertDoesNotThrow(() -> client.info("trailing %", 1));
        assertEquals("trailing % [1]", payload());
    }

    @Test
    void an_argument_whose_to_string_throws_never_reaches_the_caller() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("toString exploded");
            }
        };
        assertDoesNotThrow(() -> client.info("value %s", hostile));
        assertTrue(payload().startsWith("value %s"), payload());
        assertDoesNotThrow(() -> client.info("value %s", hostile, new IOException("io")));
        assertTrue(payload().startsWith("value %s"), payload());
        assertTrue(payload().contains("java.io.IOException: io"), payload());
    }

    @Test
    void a_trailing_throwable_appends_its_stack_trace_with_causes() {
        IOException cause = new IOException("disk gone");
        IllegalStateException error = new IllegalStateException("save failed", cause);
        client.error("saving %s failed", "doc-1", error);
        String payload = payload();
        assertTrue(payload.startsWith("saving doc-1 failed\njava.lang.IllegalStateException: save failed"), payload);
        assertTrue(payload.contains("\tat org.metlog.LogMethodsTest"), payload);
        assertTrue(payload.contains("Caused by: java.io.IOException: disk gone"), payload);
        assertFalse(payload.endsWith("\n"), "no trailing newline");
    }

    @Test
    void exception_sends_an_alert_with_the_stack_trace() {
        RuntimeException error = new RuntimeException("kaput");
        client.exception("failed", error);
        Map<String, Object> msg = sender.last();
        assertEquals(Severity.ALERT, msg.get("severity"));
        assertEquals("oldstyle", msg.get("type"));
        String payload = (String) msg.get("payload");
        assertTrue(payload.startsWith("failed\njava.lang.RuntimeException: kaput\n\tat "), payload);
    }

    @Test
    void a_lone_throwable_fills_a_percent_s_in_the_message() {
        client.error("failed: %s", new IOException("io"));
        assertTrue(payload().startsWith("failed: java.io.IOException: io\njava.io.IOException: io\n"), payload());
    }

    @Test
    void a_lone_throwable_leaves_a_message_without_conversions_as_is() {
        client.error("100% broken", new IOException("io"));
        assertTrue(payload().startsWith("100% broken\njava.io.IOException: io\n"), payload());
    }

    @Test
    void a_throwable_in_the_middle_is_an_ordinary_argument() {
        client.warn("%s then %s", new IOException("io"), "more");
        assertEquals("java.io.IOException: io then more", payload());
    }

    @Test
    void log_with_a_severity_outside_0_to_7_is_a_programming_error() {
        assertThrows(IllegalArgumentException.class, () -> client.log(8, "x"));
        assertEquals(0, sender.messages().size());
    }

    @Test
    void stack_trace_helper_prints_like_print_stack_trace_without_the_final_newline() {
        String trace = MetlogClient.stackTrace(new IllegalStateException("s"));
        assertTrue(trace.startsWith("java.lang.IllegalStateException: s"), trace);
        assertFalse(trace.endsWith("\n"));
    }
}
