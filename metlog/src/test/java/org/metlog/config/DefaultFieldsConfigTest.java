package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.InvalidOptionException;
import org.metlog.testing.UdpReceiver;

/** Issue 15 part 5: default fields from configuration, carried by every message a client builds. */
class DefaultFieldsConfigTest {
    private static final String INI = """
        [metlog]
        logger = app
        sender_class = metlog.senders.DebugCaptureSender

        [metlog_fields]
        env = prod
        Region = ${REGION}
        shard = 3
        """;

    private static MetlogClient fromIni(String ini) {
        return MetlogConfig.clientFromMap(MetlogConfig.mapFromText(ini, "metlog", Map.of("REGION", "eu")::get));
    }

    @Test
    void every_message_the_client_builds_carries_the_default_fields_from_ini() {
        MetlogClient client = fromIni(INI);
        client.info("hello {}", "world");
        client.incr("logins");
        client.timerSend("db", 12);
        client.gauge("queue", 3);
        client.metlog("custom", "payload");
        client.incr("sampled", 1, 1.0, null, null, Map.of("user", "alice"));
        List<Map<String, Object>> sent = ((DebugCaptureSender) client.sender()).decoded();
        assertEquals(6, sent.size());
        for (Map<String, Object> message : sent) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) message.get("fields");
            assertEquals("prod", fields.get("env"), message.toString());
            assertEquals("eu", fields.get("region"), "INI names are lower-cased: " + message);
            assertEquals(3, fields.get("shard"), message.toString());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> counter = (Map<String, Object>) sent.get(1).get("fields");
        assertEquals("logins", counter.get("name"));
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) sent.get(5).get("fields");
        assertEquals("alice", last.get("user"));
        client.close();
    }

    @Test
    void a_field_the_message_sets_itself_wins_over_the_default() {
        MetlogClient client = fromIni(INI);
        client.metlog("custom", "p", Map.of("env", "canary"));
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) ((DebugCaptureSender) client.sender()).last()
            .get("fields");
        assertEquals("canary", fields.get("env"));
        assertEquals("eu", fields.get("region"));
        client.close();
    }

    @Test
    void the_map_form_takes_a_fields_map() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("sender", Map.of("class", "metlog.senders.DebugCaptureSender"));
        config.put("fields", Map.of("env", "prod"));
        MetlogClient client = MetlogConfig.clientFromMap(config);
        client.incr("x");
        assertEquals(Map.of("env", "prod", "name", "x", "rate", 1.0),
            ((DebugCaptureSender) client.sender()).last().get("fields"));
        client.close();
    }

    @Test
    void reconfiguring_without_fields_removes_them() {
        MetlogClient client = fromIni(INI);
        MetlogConfig.clientFromText("[metlog]\nsender_class = metlog.senders.DebugCaptureSender\n", "metlog", client,
            null, false);
        client.metlog("custom", "p");
        assertEquals(Map.of(), ((DebugCaptureSender) client.sender()).last().get("fields"));
        client.close();
    }

    @Test
    void a_default_field_called_name_or_rate_fails_naming_section_key_and_value() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> MetlogConfig.clientFromText(
            "[metlog]\nsender_class = metlog.senders.DebugCaptureSender\n[metlog_fields]\nname = web\n", "metlog"));
        assertEquals("INI text [metlog_fields]: option name = 'web': expected a field name other than name and"
            + " rate, which counters, timers and gauges set themselves", e.getMessage());
        assertThrows(InvalidOptionException.class, () -> MetlogConfig.clientFromText(
            "[metlog]\nsender_class = metlog.senders.DebugCaptureSender\n[metlog_fields]\nrate = 1\n", "metlog"));
    }

    @Test
    void a_default_field_that_is_not_text_a_number_or_a_boolean_fails() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(
            Map.of("sender", Map.of("class", "metlog.senders.DebugCaptureSender"), "fields",
                Map.of("env", List.of("a", "b")))));
        assertEquals("configuration map: option fields.env = [a, b]: expected text, a number or a boolean",
            e.getMessage());
        InvalidOptionException notMap = assertThrows(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(
            Map.of("sender", Map.of("class", "metlog.senders.DebugCaptureSender"), "fields", "env=prod")));
        assertEquals("configuration map: option fields = 'env=prod': expected a map of field names to values",
            notMap.getMessage());
    }

    @Test
    void fields_in_the_main_ini_section_fail_pointing_to_the_fields_section() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> fromIni(
            "[metlog]\nsender_class = metlog.senders.DebugCaptureSender\nfields = env\n"));
        assertEquals("INI text [metlog]: option fields = 'env' cannot be given in INI form: write each default field"
            + " as NAME = VALUE in a [metlog_fields] section", e.getMessage());
    }

    @Test
    void default_fields_become_datadog_tags_on_statsd_lines() {
        try (UdpReceiver receiver = UdpReceiver.ipv4()) {
            MetlogClient client = fromIni("[metlog]\nsender_class = org.metlog.senders.StatsdSender\n"
                + "sender_port = " + receiver.port() + "\nsender_flavor = datadog\nsender_tags = team, code\n"
                + "[metlog_fields]\nteam = payments\n");
            client.incr("logins", 1, 1.0, null, null, Map.of("code", 200));
            client.flush();
            byte[] datagram = receiver.receive();
            assertNotNull(datagram);
            String line = new String(datagram, StandardCharsets.UTF_8);
            assertTrue(line.startsWith("logins:1|c|#team:payments,code:200"), line); // DD_* may follow, if set
            client.close();
        }
    }
}
