package org.metlog.internal;
import org.metlog.message.EnvelopeJson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.message.Message;

class EnvelopeJsonTest {
    private static final long MICROS = 1_700_000_000_123_456L; // 2023-11-14T22:13:20.123456Z

    private static Message counter(long micros, String hostname, long pid) {
        return Message.builder("counter").timestampMicros(micros).logger("app").payload("1").stat("hits", 1.0)
            .hostname(hostname).pid(pid).build();
    }

    private static String encoded(Message message) {
        ByteBuffer view = EnvelopeJson.encode(message);
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
    void the_same_buffer_view_is_returned_and_other_rates_and_fields_are_written() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("k", "v");
        Message sampled = Message.builder("timer").timestampMicros(MICROS).payload("12").stat("db", 0.25)
            .fields(fields).build();
        ByteBuffer first = EnvelopeJson.encode(sampled);
        Map<String, Object> decoded = decode(EnvelopeJson.toJson(sampled));
        assertEquals(Map.of("k", "v", "name", "db", "rate", 0.25), decoded.get("fields"));
        assertSame(first, EnvelopeJson.encode(sampled));
        assertEquals(EnvelopeJson.toJson(sampled), encoded(sampled));
        assertEquals(decode(EnvelopeJson.toPrettyJson(sampled)), decoded);
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
