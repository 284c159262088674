package org.metlog;
import org.metlog.message.Severity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metlog.internal.Timestamps;
import org.metlog.internal.HostInfo;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.Envelopes;

class EnvelopeTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();

    private MetlogClient clientAt(String instant) {
        return MetlogClient.builder().sender(sender).logger("envelope")
            .clock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).build();
    }

    private JsonNode lastEnvelope() {
        List<String> all = sender.messages();
        return Envelopes.parse(all.get(all.size() - 1));
    }

    @Test
    void envelope_has_exactly_the_nine_keys_with_their_json_types() {
        MetlogClient client = MetlogClient.builder().sender(sender).logger("envelope").build();
        client.metlog("custom", "payload text", Map.of("a", 1));
        client.incr("hits");
        client.timerSend("t", 12);
        client.info("hello %s", "world");
        assertEquals(4, sender.messages().size());
        for (String json : sender.messages()) {
            Envelopes.assertEnvelope(Envelopes.parse(json));
        }
    }

    @Test
    void envelope_keys_are_written_in_metlog_py_order() {
        clientAt("2026-11-21T09:30:00Z").metlog("custom");
        List<String> keys = new java.util.ArrayList<>();
        lastEnvelope().fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("type", "timestamp", "logger", "severity", "payload", "fields", "env_version",
            "metlog_pid", "metlog_hostname"), keys);
    }

    @Test
    void timestamp_is_rfc3339_utc_with_six_fractional_digits_and_z() {
        clientAt("2026-11-21T09:30:00Z").metlog("custom");
        assertEquals("2026-11-21T09:30:00.000000Z", lastEnvelope().get("timestamp").asText());
    }

    @Test
    void timestamp_keeps_microseconds_and_truncates_nanoseconds() {
        clientAt("2026-11-21T09:30:00.123456789Z").metlog("custom");
        assertEquals("2026-11-21T09:30:00.123456Z", lastEnvelope().get("timestamp").asText());
    }

    @Test
    void timestamp_of_a_leap_day_is_formatted() {
        clientAt("2024-02-29T23:59:59.999999Z").metlog("custom");
        assertEquals("2024-02-29T23:59:59.999999Z", lastEnvelope().get("timestamp").asText());
        clientAt("2000-02-29T00:00:00.000001Z").metlog("custom");
        assertEquals("2000-02-29T00:00:00.000001Z", lastEnvelope().get("timestamp").asText());
    }

    @Test
    void timestamp_before_1970_is_formatted() {
        clientAt("1969-07-20T20:17:40.500001Z").metlog("custom");
        assertEquals("1969-07-20T20:17:40.500001Z", lastEnvelope().get("timestamp").asText());
        clientAt("1969-12-31T23:59:59.999999Z").metlog("custom");
        assertEquals("1969-12-31T23:59:59.999999Z", lastEnvelope().get("timestamp").asText());
        clientAt("1900-03-01T00:00:00Z").metlog("custom");
        assertEquals("1900-03-01T00:00:00.000000Z", lastEnvelope().get("timestamp").asText());
    }

    @Test
    void timestamp_formatting_agrees_with_java_time_over_many_random_instants() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(20261121);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
        long max = Instant.parse("9999-12-31T23:59:59.999999Z").getEpochSecond() * 1_000_000L;
        for (int i = 0; i < 20_000; i++) {
            long micros = random.nextLong(min, max);
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L);
            assertEquals(reference.format(instant), Timestamps.format(micros), () -> "micros " + micros);
        }
    }

    @Test
    void envelope_carries_env_version_pid_and_hostname() {
        clientAt("2026-11-21T09:30:00Z").metlog("custom");
        JsonNode env = lastEnvelope();
        assertEquals("0.8", env.get("env_version").textValue());
        assertEquals(ProcessHandle.current().pid(), env.get("metlog_pid").longValue());
        assertEquals(HostInfo.hostname(), env.get("metlog_hostname").textValue());
        assertTrue(!env.get("metlog_hostname").textValue().isEmpty(), "hostname is not empty");
    }

    @Test
    void origin_can_be_overridden_for_tests() {
        MetlogClient.builder().sender(sender).origin(4242, "box.example").build().metlog("custom");
        JsonNode env = lastEnvelope();
        assertEquals(4242, env.get("metlog_pid").longValue());
        assertEquals("box.example", env.get("metlog_hostname").textValue());
    }

    @Test
    void metlog_with_only_a_type_uses_the_client_defaults() {
        clientAt("2026-11-21T09:30:00Z").metlog("custom");
        JsonNode env = lastEnvelope();
        assertEquals("custom", env.get("type").textValue());
        assertEquals("envelope", env.get("logger").textValue());
        assertEquals(6, env.get("severity").intValue());
        assertEquals("", env.get("payload").textValue());
        assertTrue(env.get("fields").isObject() && env.get("fields").isEmpty(), "fields is {}");
    }

    @Test
    void client_default_severity_applies_when_none_is_given() {
        MetlogClient.builder().sender(sender).severity(Severity.WARNING).build().metlog("custom");
        assertEquals(4, lastEnvelope().get("severity").intValue());
    }

    @Test
    void explicit_logger_severity_payload_and_fields_override_the_defaults() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("colour", "blue");
        fields.put("size", 3);
        fields.put("ratio", 0.5);
        fields.put("ok", true);
        fields.put("tags", List.of("a", "b"));
        clientAt("2026-11-21T09:30:00Z").metlog("custom", "other", 2, "the payload", fields);
        JsonNode env = lastEnvelope();
        assertEquals("other", env.get("logger").textValue());
        assertEquals(2, env.get("severity").intValue());
        assertEquals("the payload", env.get("payload").textValue());
        assertEquals("blue", env.get("fields").get("colour").textValue());
        assertEquals(3, env.get("fields").get("size").intValue());
        assertEquals(0.5, env.get("fields").get("ratio").doubleValue());
        assertTrue(env.get("fields").get("ok").booleanValue());
        assertEquals("b", env.get("fields").get("tags").get(1).textValue());
    }

    @Test
    void fields_given_by_the_caller_are_copied_at_the_call() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("a", 1);
        clientAt("2026-11-21T09:30:00Z").metlog("custom", "", fields);
        fields.put("b", 2);
        assertEquals(1, lastEnvelope().get("fields").size());
    }

    @Test
    void null_payload_is_sent_as_an_empty_string() {
        clientAt("2026-11-21T09:30:00Z").metlog("custom", null, null, null, null);
        assertEquals("", lastEnvelope().get("payload").textValue());
    }

    @Test
    void a_null_type_or_a_severity_outside_0_to_7_is_a_programming_error() {
        MetlogClient client = clientAt("2026-11-21T09:30:00Z");
        assertThrows(IllegalArgumentException.class, () -> client.metlog(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> client.metlog("custom", null, 8, "", null));
        assertTrue(e.getMessage().contains("8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.metlog("custom", null, -1, "", null));
    }

    @Test
    void message_to_map_and_to_json_agree() {
        clientAt("2026-11-21T09:30:00.000042Z").incr("hits", 2);
        Map<String, Object> decoded = sender.last();
        assertEquals("2026-11-21T09:30:00.000042Z", decoded.get("timestamp"));
        assertEquals(Map.of("name", "hits", "rate", 1.0), decoded.get("fields"));
    }

    @Test
    void a_field_whose_to_string_sends_a_message_does_not_corrupt_either_envelope() {
        MetlogClient client = MetlogClient.builder().sender(sender).build();
        Object reentrant = new Object() {
            @Override
            public String toString() {
                client.metlog("inner", "from toString");
                return "outer value";
            }
        };
        client.metlog("outer", "", Map.of("v", reentrant));
        List<String> all = sender.messages();
        assertEquals(2, all.size());
        JsonNode inner = Envelopes.parse(all.get(0));
        JsonNode outer = Envelopes.parse(all.get(1));
        Envelopes.assertEnvelope(inner);
        Envelopes.assertEnvelope(outer);
        assertEquals("from toString", inner.get("payload").textValue());
        assertEquals("outer value", outer.get("fields").get("v").textValue());
        assertEquals(2, client.stats().sent());
    }

    @Test
    void severity_constants_follow_rfc_5424() {
        assertEquals(0, Severity.EMERGENCY);
        assertEquals(1, Severity.ALERT);
        assertEquals(2, Severity.CRITICAL);
        assertEquals(3, Severity.ERROR);
        assertEquals(4, Severity.WARNING);
        assertEquals(5, Severity.NOTICE);
        assertEquals(6, Severity.INFORMATIONAL);
        assertEquals(7, Severity.DEBUG);
        assertEquals("warning", Severity.name(4));
        assertEquals(4, Severity.fromName("WARNING"));
        assertThrows(IllegalArgumentException.class, () -> Severity.fromName("loud"));
    }
}
