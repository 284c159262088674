package org.metlog.decorators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;

/** The logger, severity and fields of the messages decorators send (metlog-py's decorator arguments). */
class MessageArgumentsTest {
    private static final String NAMES = "org.metlog.decorators.MessageArgumentsTest.Exports";

    private final DebugCaptureSender capture = new DebugCaptureSender();
    private MetlogClient client;

    interface Exports {
        @Timeit(logger = "exports", severity = 5, fields = {"region=eu", " tier = gold "})
        void nightly();

        @IncrCount(value = "exports.rows", count = 4, logger = "audit", severity = 2, fields = "source=api")
        void rows();

        @Timeit
        @IncrCount
        void plain();

        @Timeit(logger = "timing")
        @IncrCount(severity = 7, fields = {"k=a=b", "empty="})
        void both();
    }

    static final class ExportsImpl implements Exports {
        @Override
        public void nightly() {
        }

        @Override
        public void rows() {
        }

        @Override
        public void plain() {
        }

        @Override
        public void both() {
        }
    }

    @BeforeEach
    void configure() {
        ClientHolder.clear();
        client = ClientHolder.get("app");
        client.setup(capture, "app", 3, null, null);
    }

    @AfterEach
    void resetHolder() {
        ClientHolder.clear();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> message) {
        return (Map<String, Object>) message.get("fields");
    }

    private static Map<String, Object> statFields(String name, Object... extra) {
        Map<String, Object> expected = new HashMap<>();
        expected.put("name", name);
        expected.put("rate", 1.0);
        for (int i = 0; i < extra.length; i += 2) {
            expected.put((String) extra[i], extra[i + 1]);
        }
        return expected;
    }

    private static void assertBadUse(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks " + fragment);
        }
    }

    @Test
    void a_timeit_wrapper_sends_its_logger_severity_and_fields_at_every_call() {
        Runnable timed = Decorators.timeit("jobs.nightly").logger("jobs").severity(4)
            .fields(Map.of("region", "eu", "shard", 3)).runnable(() -> { });
        timed.run();
        timed.run();
        assertEquals(2, capture.decoded().size());
        for (Map<String, Object> m : capture.decoded()) {
            assertEquals("timer", m.get("type"));
            assertEquals("jobs", m.get("logger"));
            assertEquals(4, m.get("severity"));
            assertEquals(statFields("jobs.nightly", "region", "eu", "shard", 3), fields(m));
        }
    }

    @Test
    void an_incr_count_wrapper_sends_its_logger_severity_and_fields_with_its_count() {
        Decorators.incrCount("reports.built").count(2).logger("reports").severity(0)
            .fields(Map.of("kind", "pdf")).supplier(() -> "r").get();
        Map<String, Object> m = capture.last();
        assertEquals("counter", m.get("type"));
        assertEquals("2", m.get("payload"));
        assertEquals("reports", m.get("logger"));
        assertEquals(0, m.get("severity"));
        assertEquals(statFields("reports.built", "kind", "pdf"), fields(m));
    }

    @Test
    void without_the_arguments_a_wrapper_sends_the_clients_logger_and_severity_and_no_extra_fields() {
        Decorator timeit = Decorators.timeit("t");
        assertNull(timeit.logger());
        assertNull(timeit.severity());
        assertEquals(Map.of(), timeit.fields());
        timeit.runnable(() -> { }).run();
        Decorators.incrCount("c").fields(null).fields(Map.of()).runnable(() -> { }).run();
        List<Map<String, Object>> sent = capture.decoded();
        assertEquals(List.of("app", "app"), sent.stream().map(m -> m.get("logger")).toList());
        assertEquals(List.of(3, 3), sent.stream().map(m -> m.get("severity")).toList());
        assertEquals(statFields("t"), fields(sent.get(0)));
        assertEquals(statFields("c"), fields(sent.get(1)));
    }

    @Test
    void an_empty_logger_is_sent_as_given_and_a_null_one_means_the_clients() {
        Decorators.incrCount("c").logger("").runnable(() -> { }).run();
        Decorators.incrCount("c").logger("x").logger(null).runnable(() -> { }).run();
        assertEquals(List.of("", "app"), capture.decoded().stream().map(m -> m.get("logger")).toList());
    }

    @Test
    void the_fields_are_copied_once_when_set_so_later_changes_to_the_map_are_not_sent() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("region", "eu");
        source.put("note", null);
        Decorator decorator = Decorators.incrCount("c").fields(source);
        source.put("region", "us");
        source.put("late", "x");
        Runnable counted = decorator.runnable(() -> { });
        counted.run();
        counted.run();
        Map<String, Object> expected = statFields("c", "region", "eu");
        expected.put("note", null);
        assertEquals(expected, fields(capture.last()));
        assertSame(decorator.fields(), decorator.fields(), "one map per decorator, not one per call");
        assertThrows(UnsupportedOperationException.class, () -> decorator.fields().put("x", "y"));
        assertEquals(decorator, Decorators.incrCount("c").fields(Map.of("region", "eu")).fields(decorator.fields()));
    }

    @Test
    void a_severity_outside_0_to_7_or_a_null_field_name_is_refused_naming_the_value() {
        assertBadUse(() -> Decorators.timeit("t").severity(8), "timeit('t')", "severity 8", "0 to 7");
        assertBadUse(() -> Decorators.incrCount("c").severity(-1), "incr_count('c')", "severity -1", "0 to 7");
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        assertBadUse(() -> Decorators.timeit("t").fields(nullKey), "timeit('t')", "field name", "null");
        assertEquals(7, Decorators.timeit("t").severity(7).severity());
        assertEquals(0, Decorators.timeit("t").severity(0).severity());
    }

    @Test
    void annotations_send_their_logger_severity_and_string_fields() {
        Exports exports = Decorators.instrument(Exports.class, new ExportsImpl());
        exports.nightly();
        Map<String, Object> timer = capture.last();
        assertEquals("timer", timer.get("type"));
        assertEquals("exports", timer.get("logger"));
        assertEquals(5, timer.get("severity"));
        assertEquals(statFields(NAMES + ".nightly", "region", "eu", "tier", "gold"), fields(timer));

        exports.rows();
        Map<String, Object> counter = capture.last();
        assertEquals("counter", counter.get("type"));
        assertEquals("4", counter.get("payload"));
        assertEquals("audit", counter.get("logger"));
        assertEquals(2, counter.get("severity"));
        assertEquals(statFields("exports.rows", "source", "api"), fields(counter));
    }

    @Test
    void annotations_without_the_arguments_send_the_clients_logger_and_severity_and_no_extra_fields() {
        Decorators.instrument(Exports.class, new ExportsImpl()).plain();
        List<Map<String, Object>> sent = capture.decoded();
        assertEquals(List.of("counter", "timer"), sent.stream().map(m -> m.get("type")).toList());
        for (Map<String, Object> m : sent) {
            assertEquals("app", m.get("logger"));
            assertEquals(3, m.get("severity"));
            assertEquals(statFields(NAMES + ".plain"), fields(m));
        }
    }

    @Test
    void each_annotation_on_one_method_keeps_its_own_arguments_and_a_value_may_hold_an_equals_sign() {
        Decorators.instrument(Exports.class, new ExportsImpl()).both();
        Map<String, Object> counter = capture.decoded().get(0);
        Map<String, Object> timer = capture.decoded().get(1);
        assertEquals("app", counter.get("logger"));
        assertEquals(7, counter.get("severity"));
        assertEquals(statFields(NAMES + ".both", "k", "a=b", "empty", ""), fields(counter));
        assertEquals("timing", timer.get("logger"));
        assertEquals(3, timer.get("severity"));
        assertEquals(statFields(NAMES + ".both"), fields(timer));
    }

    interface SeverityTooHigh {
        @Timeit(severity = 8)
        void run();
    }

    interface SeverityNegative {
        @IncrCount(severity = -2)
        void run();
    }

    interface PairWithoutEquals {
        @Timeit(fields = {"region=eu", "tier"})
        void run();
    }

    interface PairWithoutKey {
        @IncrCount(fields = " =eu")
        void run();
    }

    interface RepeatedKey {
        @IncrCount(fields = {"region=eu", "region = us"})
        void run();
    }

    @Test
    void a_bad_severity_or_field_pair_fails_at_instrument_time_naming_the_method_and_value() {
        assertBadUse(() -> Decorators.instrument(SeverityTooHigh.class, () -> { }), "@Timeit(severity = 8)",
            "SeverityTooHigh.run()", "0 to 7");
        assertBadUse(() -> Decorators.instrument(SeverityNegative.class, () -> { }), "@IncrCount(severity = -2)",
            "SeverityNegative.run()", "0 to 7");
        assertBadUse(() -> Decorators.instrument(PairWithoutEquals.class, () -> { }),
            "@Timeit(fields = \"tier\")", "PairWithoutEquals.run()", "key=value");
        assertBadUse(() -> Decorators.instrument(PairWithoutKey.class, () -> { }),
            "@IncrCount(fields = \" =eu\")", "PairWithoutKey.run()", "non-empty key");
        assertBadUse(() -> Decorators.instrument(RepeatedKey.class, () -> { }),
            "@IncrCount(fields = \"region = us\")", "RepeatedKey.run()", "region", "twice");
    }
}
