package org.metlog.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire bytes of {@link EnvelopeJson}, reached through {@link Message}'s encoding methods. */
class EnvelopeJsonTest {
    private static final long MICROS = 1_700_000_000_123_456L; // 2023-11-14T22:13:20.123456Z

    private static Message counter(long micros, String hostname, long pid) {
        return Message.builder("counter").timestampMicros(micros).logger("app").payload("1").stat("hits", 1.0)
            .hostname(hostname).pid(pid).build();
    }

    private static String encoded(Message message) {
        ByteBuffer view = message.encodeJson();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writes_the_envelope_keys_in_metlog_py_order_with_the_constant_tail() {
        assertEquals("{\"type\":\"counter\",\"timestamp\":\"2023-11-14T22:13:20.123456Z\",\"logger\":\"app\","
            + "\"severity\":6,\"payload\":\"1\",\"fields\":{\"name\":\"hits\",\"rate\":1.0},\"env_version\":\"0.8\","
            + "\"metlog_pid\":42,\"metlog_hostname\":\"web-1\"}", encoded(counter(MICROS, "web-1", 42)));
    }

    @Test
    void the_reused_timestamp_of_one_second_is_rewritten_for_each_message() {
        assertEquals("2023-11-14T22:13:20.123456Z", decode(encoded(counter(MICROS, "h", 1))).get("timestamp"));
        assertEquals("2023-11-14T22:13:20.000007Z",
            decode(encoded(counter(MICROS - 123_449, "h", 1))).get("timestamp"));
        assertEquals("2023-11-14T22:13:21.000000Z",
            decode(encoded(counter(MICROS + 876_544, "h", 1))).get("timestamp"));
        assertEquals("1969-12-31T23:59:59.999999Z", decode(encoded(counter(-1, "h", 1))).get("timestamp"));
    }

    @Test
    void a_different_origin_is_encoded_afresh_and_escaped() {
        assertEquals("web-1", decode(encoded(counter(MICROS, "web-1", 7))).get("metlog_hostname"));
        Map<String, Object> other = decode(encoded(counter(MICROS, "we\"b-\uD800", 8)));
        assertEquals("we\"b-\uFFFD", other.get("metlog_hostname"));
        assertEquals(8, other.get("metlog_pid"));
        assertEquals(9, decode(encoded(counter(MICROS, "we\"b-\uD800", 9))).get("metlog_pid"));
    }

    @Test
    void a_closed_encoding_is_lent_again_and_other_rates_and_fields_are_written() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("k", "v");
        Message sampled = Message.builder("timer").timestampMicros(MICROS).payload("12").stat("db", 0.25)
            .fields(fields).build();
        EncodedEnvelope first = sampled.encode();
        first.close();
        Map<String, Object> decoded = decode(sampled.toJson());
        assertEquals(Map.of("k", "v", "name", "db", "rate", 0.25), decoded.get("fields"));
        try (EncodedEnvelope again = sampled.encode()) {
            assertSame(first, again, "the pool lends the buffer given back, on the same thread");
        }
        assertEquals(sampled.toJson(), encoded(sampled));
        assertEquals(decode(sampled.toPrettyJson()), decoded);
    }

    @Test
    void a_type_equal_to_a_built_in_one_but_another_string_is_written_the_same() {
        String counter = new String(Message.TYPE_COUNTER.toCharArray()); // equal, not the same object
        Message built = Message.builder(Message.TYPE_COUNTER).timestampMicros(MICROS).payload("1").stat("hits", 1.0)
            .hostname("h").pid(1).build();
        Message other = Message.builder(counter).timestampMicros(MICROS).payload("1").stat("hits", 1.0)
            .hostname("h").pid(1).build();
        assertEquals(encoded(built), encoded(other));
    }

    @Test
    void the_map_form_has_the_nine_keys_in_wire_order_and_its_own_copy_of_the_fields() {
        Message message = counter(MICROS, "web-1", 42);
        Map<String, Object> map = message.toMap();
        assertEquals(List.of("type", "timestamp", "logger", "severity", "payload", "fields", "env_version",
            "metlog_pid", "metlog_hostname"), List.copyOf(map.keySet()));
        assertEquals("2023-11-14T22:13:20.123456Z", map.get("timestamp"));
        assertEquals(Map.of("name", "hits", "rate", 1.0), map.get("fields"));
        ((Map<?, ?>) map.get("fields")).clear();
        assertEquals("hits", message.field("name"));
        assertEquals(decode(message.toJson()).keySet(), map.keySet());
    }

    @Test
    void the_pretty_form_is_indented_by_four_spaces_without_a_final_newline() {
        String pretty = counter(MICROS, "web-1", 42).toPrettyJson();
        assertTrue(pretty.startsWith("{\n    \"type\": \"counter\",\n"), pretty);
        assertTrue(pretty.endsWith("\"metlog_hostname\": \"web-1\"\n}"), pretty);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(String json) {
        try {
            return new ObjectMapper().readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
