package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.MetlogClient;
import org.metlog.config.Components;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.metlog.testing.UdpReceiver;
import org.metlog.testing.StdCapture;

class LogdSenderTest {
    private static final Instant NOW = Instant.parse("2024-01-02T03:04:05.123456Z");

    private UdpReceiver logd;
    private LogdSender sender;
    private MetlogClient client;

    @BeforeEach
    void start() throws IOException {
        logd = UdpReceiver.ipv4();
        sender = new LogdSender("127.0.0.1", logd.port(), "app.log");
        client = MetlogClient.builder().sender(sender).logger("app").clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .origin(4242, "testhost").build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        logd.close();
    }

    /** Decodes one datagram into a map whose values keep their msgpack types (Long, Double, String). */
    static Map<String, Object> decode(byte[] datagram) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(datagram)) {
            Value value = unpacker.unpackValue();
            assertFalse(unpacker.hasNext(), "one msgpack value per datagram");
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<Value, Value> e : value.asMapValue().map().entrySet()) {
                Value v = e.getValue();
                Object converted;
                if (v.isIntegerValue()) {
                    converted = v.asIntegerValue().toLong();
                } else if (v.isFloatValue()) {
                    converted = v.asFloatValue().toDouble();
                } else if (v.isStringValue()) {
                    converted = v.asStringValue().asString();
                } else {
                    converted = v.toString();
                }
                out.put(e.getKey().asStringValue().asString(), converted);
            }
            return out;
        }
    }

    private Map<String, Object> next() throws IOException {
        return decode(logd.receive());
    }

    // ------------------------------------------------------------- log messages

    @Test
    void a_log_message_becomes_a_logd_log_message_field_by_field() throws IOException {
        client.warn("disk %s", "full");
        Map<String, Object> m = next();
        assertEquals(Set.of("id", "path", "level", "msg", "name", "time", "pid"), m.keySet());
        assertEquals(1L, m.get("id"));
        assertEquals("app.log", m.get("path"));
        assertEquals("warning", m.get("level"));
        assertEquals("disk full", m.get("msg"));
        assertEquals("app", m.get("name"));
        assertEquals(1704164645.123456, (Double) m.get("time"), 1e-6);
        assertEquals(4242L, m.get("pid"));
    }

    @Test
    void the_level_is_the_lower_case_severity_name() throws IOException {
        client.debug("d");
        client.info("i");
        client.error("e");
        client.critical("c");
        assertEquals(List.of("debug", "informational", "error", "critical"),
            List.of(next().get("level"), next().get("level"), next().get("level"), next().get("level")));
    }

    @Test
    void a_stack_trace_appended_by_the_log_methods_goes_to_tb() throws IOException {
        client.error("query failed", new IllegalStateException("boom"));
        Map<String, Object> m = next();
        assertEquals("query failed", m.get("msg"));
        String tb = (String) m.get("tb");
        assertTrue(tb.startsWith("java.lang.IllegalStateException: boom" + System.lineSeparator() + "\tat "), tb);
        assertTrue(tb.contains("LogdSenderTest"), tb);
    }

    @Test
    void a_trace_of_an_exception_with_a_multi_line_message_is_split_at_its_first_line() throws IOException {
        client.exception("two lines\nof message", new RuntimeException("first\nsecond"));
        Map<String, Object> m = next();
        assertEquals("two lines\nof message", m.get("msg"));
        assertTrue(((String) m.get("tb")).startsWith("java.lang.RuntimeException: first\nsecond\n\tat "));
    }

    @Test
    void a_tb_field_is_used_as_the_trace_and_the_payload_as_the_message() throws IOException {
        client.sendMessage(Message.builder("oldstyle").logger("py").severity(3).payload("boom")
            .fields(Map.of("tb", "Traceback (most recent call last):\n  ...")).build());
        Map<String, Object> m = next();
        assertEquals("boom", m.get("msg"));
        assertEquals("Traceback (most recent call last):\n  ...", m.get("tb"));
        assertEquals("py", m.get("name"));
        assertEquals("error", m.get("level"));
    }

    @Test
    void a_log_message_without_a_trace_has_no_tb() throws IOException {
        client.info("line one\n\tat the indented line that is not a trace");
        Map<String, Object> m = next();
        assertFalse(m.containsKey("tb"));
        assertEquals("line one\n\tat the indented line that is not a trace", m.get("msg"));
    }

    @Test
    void splitting_a_trace_finds_the_throwable_line_before_the_first_at_line() {
        assertArrayEquals(new String[] {"plain", null}, LogdSender.splitTrace("plain"));
        assertArrayEquals(new String[] {"", "java.io.IOException\n\tat x.y(Z.java:1)"},
            LogdSender.splitTrace("\njava.io.IOException\n\tat x.y(Z.java:1)"));
        assertArrayEquals(new String[] {"msg", "a.b.Outer$Inner: why\n\tat x.y(Z.java:1)"},
            LogdSender.splitTrace("msg\na.b.Outer$Inner: why\n\tat x.y(Z.java:1)"));
        assertArrayEquals(new String[] {"msg", "java.io.IOException: a\r\n\tat x"},
            LogdSender.splitTrace("msg\r\njava.io.IOException: a\r\n\tat x"));
        assertArrayEquals(new String[] {"not a header\n\tat x", null},
            LogdSender.splitTrace("not a header\n\tat x"));
    }

    @Test
    void without_a_path_log_messages_are_filtered_and_statistics_still_sent() throws IOException {
        try (LogdSender statsOnly = new LogdSender("127.0.0.1", logd.port())) {
            MetlogClient c = MetlogClient.builder().sender(statsOnly).build();
            c.info("dropped");
            c.incr("kept");
            assertEquals("kept", next().get("key"));
            assertEquals(new DeliveryStats(1, 1, 0, 0, 0), statsOnly.stats());
            assertNull(statsOnly.path());
        }
    }

    // ------------------------------------------------------------- statistics

    @Test
    void a_counter_becomes_id_2_with_an_integer_value_and_no_sample_rate() throws IOException {
        client.incr("hits", 3);
        assertEquals(Map.of("id", 2L, "key", "hits", "value", 3L), next());
    }

    @Test
    void a_decrement_becomes_a_negative_counter_value() throws IOException {
        client.decr("hits", 2);
        assertEquals(Map.of("id", 2L, "key", "hits", "value", -2L), next());
    }

    @Test
    void a_sampled_counter_carries_its_sample_rate() throws IOException {
        client.sendStat("counter", "sampled", "5", 0.5, null, null, null);
        assertEquals(Map.of("id", 2L, "key", "sampled", "value", 5L, "sampleRate", 0.5), next());
    }

    @Test
    void a_timer_becomes_id_3_with_milliseconds_as_a_double() throws IOException {
        client.timerSend("db.query", 12);
        assertEquals(Map.of("id", 3L, "key", "db.query", "value", 12.0), next());
        client.timerSend("db.query", 40, 0.25);
        assertEquals(Map.of("id", 3L, "key", "db.query", "value", 40.0, "sampleRate", 0.25), next());
    }

    @Test
    void a_gauge_becomes_id_4_with_an_integer_or_a_double_value() throws IOException {
        client.gauge("depth", 7);
        assertEquals(Map.of("id", 4L, "key", "depth", "value", 7L), next());
        client.gauge("load", 0.75);
        assertEquals(Map.of("id", 4L, "key", "load", "value", 0.75), next());
        client.sendStat("gauge", "sampled", "-3", 0.1, null, null, null);
        assertEquals(Map.of("id", 4L, "key", "sampled", "value", -3L, "sampleRate", 0.1), next());
    }

    @Test
    void the_client_prefix_is_part_of_the_key() throws IOException {
        MetlogClient c = MetlogClient.builder().sender(sender).prefix("svc").build();
        c.incr("hits");
        assertEquals("svc.hits", next().get("key"));
    }

    @Test
    void named_timers_and_accumulators_reach_logd_as_timers() throws IOException {
        client.startTimer("t");
        client.stopTimer("t");
        assertEquals(3L, next().get("id"));
        client.startAccumulator("a");
        client.stopAccumulator("a");
        client.flushAccumulators();
        Map<String, Object> m = next();
        assertEquals(3L, m.get("id"));
        assertEquals("a", m.get("key"));
    }

    @Test
    void other_message_types_are_not_sent_and_are_counted_as_filtered() throws IOException {
        client.metlog("custom", "payload");
        client.incr("after");
        assertEquals("after", next().get("key"), "the custom message produced no datagram");
        assertEquals(new DeliveryStats(1, 1, 0, 0, 0), sender.stats());
    }

    @Test
    void a_statistic_whose_payload_is_not_a_number_fails_and_is_counted() throws Exception {
        StdCapture.stderrOf(() -> client.sendStat("counter", "bad", "lots", 1.0, null, null, null));
        assertEquals(1, sender.stats().failed());
        assertEquals(1, client.stats().failed());
    }

    @Test
    void a_message_larger_than_a_datagram_is_dropped_and_counted() throws Exception {
        StdCapture.stderrOf(() -> client.info("x".repeat(70_000)));
        client.incr("after");
        assertEquals("after", next().get("key"));
        assertEquals(1, sender.stats().droppedTooLarge());
    }

    // ------------------------------------------------------------- delete, config, lifecycle

    @Test
    void delete_log_sends_id_1000_and_the_path() throws IOException {
        assertTrue(sender.deleteLog("old.log"));
        assertEquals(Map.of("id", 1000L, "path", "old.log"), next());
    }

    @Test
    void from_config_reads_host_port_and_path() throws IOException {
        LogdSender built = (LogdSender) Components.sender("org.metlog.senders.LogdSender",
            Options.of(Map.of("host", "127.0.0.1", "port", String.valueOf(logd.port()), "path", "cfg.log")));
        try {
            assertEquals("127.0.0.1", built.host());
            assertEquals(logd.port(), built.port());
            assertEquals("cfg.log", built.path());
            MetlogClient.builder().sender(built).build().info("configured");
            assertEquals("cfg.log", next().get("path"));
        } finally {
            built.close();
        }
    }

    @Test
    void from_config_defaults_to_logds_port_on_the_local_host_without_a_path() {
        try (LogdSender built = LogdSender.fromConfig(Options.empty())) {
            assertEquals(LogdSender.DEFAULT_PORT, built.port());
            assertEquals(8126, built.port());
            assertEquals("127.0.0.1", built.host());
            assertNull(built.path());
        }
    }

    @Test
    void from_config_rejects_bad_and_unknown_options() {
        InvalidOptionException port = assertThrows(InvalidOptionException.class,
            () -> LogdSender.fromConfig(Options.of(Map.of("port", "99999"))));
        assertTrue(port.getMessage().contains("port = '99999'"), port.getMessage());
        UnknownOptionException unknown = assertThrows(UnknownOptionException.class,
            () -> Components.sender("org.metlog.senders.LogdSender", Options.of(Map.of("paht", "x.log"))));
        assertTrue(unknown.getMessage().contains("paht"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("path"), unknown.getMessage());
        assertThrows(InvalidOptionException.class, () -> LogdSender.fromConfig(Options.of(Map.of("path", ""))));
    }

    @Test
    void a_closed_sender_counts_messages_as_failed() throws Exception {
        sender.close();
        assertThrows(IOException.class, () -> sender.send(Message.builder("counter").stat("x", 1).payload("1")
            .build()));
        assertEquals(1, sender.stats().failed());
        StdCapture.stderrOf(() -> assertFalse(sender.deleteLog("x")));
    }

    // ------------------------------------------------------------- the optional dependency

    /** Loads org.metlog classes afresh and hides msgpack, as for an application without the dependency. */
    static final class WithoutMsgpack extends URLClassLoader {
        WithoutMsgpack() {
            super(new URL[] {LogdSender.class.getProtectionDomain().getCodeSource().getLocation()},
                LogdSenderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.msgpack.")) {
                throw new ClassNotFoundException(name);
            }
            if (name.startsWith("org.metlog.")) {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null) {
                        c = findClass(name);
                    }
                    if (resolve) {
                        resolveClass(c);
                    }
                    return c;
                }
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void without_msgpack_the_sender_fails_with_a_configuration_error_naming_the_dependency() throws Exception {
        try (WithoutMsgpack loader = new WithoutMsgpack()) {
            Class<?> type = Class.forName("org.metlog.senders.LogdSender", true, loader);
            assertFalse(type == LogdSender.class);
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> type.getConstructor(String.class, int.class, String.class).newInstance("127.0.0.1", 8126,
                    "x.log"));
            Throwable cause = e.getCause();
            assertEquals(ConfigurationException.class.getName(), cause.getClass().getName());
            assertTrue(cause.getMessage().contains("org.msgpack:msgpack-core:0.9.8"), cause.getMessage());
        }
    }

    @Test
    void without_msgpack_the_rest_of_the_library_still_works() throws Exception {
        try (WithoutMsgpack loader = new WithoutMsgpack()) {
            Class<?> components = Class.forName("org.metlog.config.Components", true, loader);
            Class<?> options = Class.forName("org.metlog.spi.Options", true, loader);
            Object opts = options.getMethod("of", Map.class).invoke(null, Map.of("path", "x.log"));
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader); // Components loads configured classes through it
            InvocationTargetException e;
            try {
                e = assertThrows(InvocationTargetException.class,
                    () -> components.getMethod("sender", String.class, options).invoke(null,
                        "org.metlog.senders.LogdSender", opts));
            } finally {
                thread.setContextClassLoader(previous);
            }
            assertTrue(e.getCause().getMessage().contains("org.msgpack:msgpack-core"), e.getCause().getMessage());
            Object capture = Class.forName("org.metlog.senders.DebugCaptureSender", true, loader)
                .getConstructor().newInstance();
            assertInstanceOf(AutoCloseable.class, capture);
        }
    }
}
