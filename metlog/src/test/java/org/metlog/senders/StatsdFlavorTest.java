package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.StatsdLineParser.Line;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.UdpReceiver;

/**
 * Issue 15 part 5: each statsd flavor's lines, sent over loopback UDP, parsed back with their tags by a receiver
 * that reads the flavor's format ({@link StatsdLineParser}).
 */
class StatsdFlavorTest {
    private static final Duration LONG = Duration.ofHours(1);

    private UdpReceiver receiver;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final RecordingErrorHandler errors = new RecordingErrorHandler();

    @BeforeEach
    void start() {
        receiver = UdpReceiver.ipv4();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        receiver.close();
    }

    private MetlogClient client(StatsdSender.Builder builder) {
        StatsdSender sender = builder.host("127.0.0.1").port(receiver.port()).flushInterval(LONG)
            .errorHandler(errors).build();
        MetlogClient client = MetlogClient.builder().sender(sender).prefix("app").random(() -> 0.0).build();
        opened.add(client);
        return client;
    }

    /** Flushes the client and receives its datagram's lines. */
    private List<String> lines(MetlogClient client) {
        client.flush();
        byte[] datagram = receiver.receive();
        assertNotNull(datagram, "no datagram within " + UdpReceiver.DEADLINE);
        return Arrays.asList(new String(datagram, StandardCharsets.UTF_8).split("\n"));
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static Map<String, String> tags(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    @Test
    void datadog_lines_carry_every_field_but_name_and_rate_as_tags_after_the_rate() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.DATADOG).environment(Map.of()));
        client.incr("logins", 2, 0.5, null, null, fields("region", "eu", "code", 200, "ok", true));
        client.timerSend("db.query", 12, 1.0, null, null, fields("table", "users"));
        client.gauge("queue", 7);
        List<String> lines = lines(client);
        assertEquals("app.logins:2|c|@0.5|#region:eu,code:200,ok:true", lines.get(0));
        assertEquals(new Line("app.logins", "2", "c", 0.5, tags("region", "eu", "code", "200", "ok", "true")),
            StatsdLineParser.datadog(lines.get(0)));
        assertEquals(new Line("app.db.query", "12", "ms", 1, tags("table", "users")),
            StatsdLineParser.datadog(lines.get(1)));
        assertEquals(new Line("app.queue", "7", "g", 1, tags()), StatsdLineParser.datadog(lines.get(2)));
        assertEquals(List.of(), errors.problems());
    }

    @Test
    void influx_lines_carry_the_tags_after_the_name() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.INFLUX));
        client.incr("logins", 2, 0.5, null, null, fields("region", "eu", "code", 200));
        client.gauge("queue", 7);
        List<String> lines = lines(client);
        assertEquals("app.logins,region=eu,code=200:2|c|@0.5", lines.get(0));
        assertEquals(new Line("app.logins", "2", "c", 0.5, tags("region", "eu", "code", "200")),
            StatsdLineParser.influx(lines.get(0)));
        assertEquals(new Line("app.queue", "7", "g", 1, tags()), StatsdLineParser.influx(lines.get(1)));
    }

    @Test
    void etsy_lines_have_no_tags_whatever_the_fields() {
        MetlogClient client = client(StatsdSender.builder());
        client.incr("logins", 2, 0.5, null, null, fields("region", "eu"));
        List<String> lines = lines(client);
        assertEquals("app.logins:2|c|@0.5", lines.get(0));
        assertEquals(new Line("app.logins", "2", "c", 0.5, tags()), StatsdLineParser.etsy(lines.get(0)));
    }

    @Test
    void the_tags_option_chooses_the_fields_and_their_order_and_skips_absent_ones() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.DATADOG).environment(Map.of())
            .tags(List.of("code", "missing", "region")));
        client.incr("logins", 1, 1.0, null, null, fields("region", "eu", "user", "alice", "code", 200));
        assertEquals(tags("code", "200", "region", "eu"), StatsdLineParser.datadog(lines(client).get(0)).tags());
    }

    @Test
    void an_empty_tags_option_sends_no_tags() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.INFLUX).tags(List.of()));
        client.incr("logins", 1, 1.0, null, null, fields("region", "eu"));
        assertEquals("app.logins:1|c", lines(client).get(0));
    }

    @Test
    void datadog_tags_replace_what_dogstatsd_cannot_carry_and_leave_out_what_cannot_be_represented() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.DATADOG).environment(Map.of()));
        client.incr("x", 1, 1.0, null, null, fields("list", "a,b|c#d\ne", "k:ey", "v:1", "empty", "", "nothing",
            null, "nested", Map.of("a", 1), "array", new int[] {1}, "", "no name"));
        Line line = StatsdLineParser.datadog(lines(client).get(0));
        Map<String, String> expected = tags("list", "a_b_c_d_e", "k_ey", "v:1", "empty", null);
        expected.put("nothing", null);
        assertEquals(expected, line.tags());
    }

    @Test
    void influx_tags_escape_commas_equals_and_spaces_and_leave_out_empty_values() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.INFLUX));
        client.incr("a name,with=odd", 1, 1.0, null, null, fields("host name", "a b,c=d", "t", "x:y|z\n", "empty",
            "", "nothing", null, "nested", List.of(1)));
        String sent = lines(client).get(0);
        assertTrue(sent.startsWith("app.a_name_with_odd,host\\ name=a\\ b\\,c\\=d,t=x_y_z_:1|c"), sent);
        Line line = StatsdLineParser.influx(sent);
        assertEquals("app.a_name_with_odd", line.name());
        assertEquals(tags("host name", "a b,c=d", "t", "x_y_z_"), line.tags());
    }

    @Test
    void a_negative_gauge_sends_both_of_its_lines_with_the_tags() {
        MetlogClient datadog = client(StatsdSender.builder().flavor(StatsdFlavor.DATADOG).environment(Map.of()));
        datadog.sendStat("gauge", "level", "-5", 1.0, null, null, fields("tank", "a"));
        assertEquals(List.of("app.level:0|g|#tank:a", "app.level:-5|g|#tank:a"), lines(datadog));
        MetlogClient influx = client(StatsdSender.builder().flavor(StatsdFlavor.INFLUX));
        influx.sendStat("gauge", "level", "-5", 1.0, null, null, fields("tank", "a"));
        assertEquals(List.of("app.level,tank=a:0|g", "app.level,tank=a:-5|g"), lines(influx));
    }

    @Test
    void dd_environment_variables_add_env_service_and_version_tags_to_datadog_lines() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.DATADOG).environment(Map.of(
            "DD_ENV", "prod", "DD_SERVICE", "checkout", "DD_VERSION", "1.4.2", "DD_OTHER", "x")));
        client.incr("logins", 1, 1.0, null, null, fields("region", "eu"));
        client.incr("logins");
        List<String> lines = lines(client);
        assertEquals(tags("region", "eu", "env", "prod", "service", "checkout", "version", "1.4.2"),
            StatsdLineParser.datadog(lines.get(0)).tags());
        assertEquals("app.logins:1|c|#env:prod,service:checkout,version:1.4.2", lines.get(1));
    }

    @Test
    void a_field_named_like_a_dd_tag_wins_over_the_environment_variable() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.DATADOG).environment(Map.of(
            "DD_ENV", "prod", "DD_SERVICE", "checkout", "DD_VERSION", " ")));
        client.incr("logins", 1, 1.0, null, null, fields("env", "staging"));
        assertEquals(tags("env", "staging", "service", "checkout"),
            StatsdLineParser.datadog(lines(client).get(0)).tags());
    }

    @Test
    void dd_environment_variables_do_not_tag_influx_lines() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.INFLUX).environment(Map.of(
            "DD_ENV", "prod")));
        client.incr("logins");
        assertEquals("app.logins:1|c", lines(client).get(0));
    }

    @Test
    void flavor_and_tags_are_read_from_options_with_telegraf_an_alias_of_influx() {
        try (StatsdSender s = StatsdSender.fromConfig(Options.of(Map.of("flavor", "Telegraf", "tags", "code, region",
            "port", receiver.port())))) {
            assertEquals(StatsdFlavor.INFLUX, s.flavor());
            MetlogClient client = MetlogClient.builder().sender(s).build();
            client.incr("logins", 1, 1.0, null, null, fields("region", "eu", "user", "alice", "code", 200));
            assertEquals("logins,code=200,region=eu:1|c", lines(client).get(0));
        }
        try (StatsdSender s = StatsdSender.fromConfig(Options.of(Map.of("flavor", "datadog")))) {
            assertEquals(StatsdFlavor.DATADOG, s.flavor());
        }
        try (StatsdSender s = StatsdSender.fromConfig(Options.empty())) {
            assertEquals(StatsdFlavor.ETSY, s.flavor());
        }
    }

    @Test
    void an_unknown_flavor_fails_naming_the_key_the_value_and_the_choices() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> StatsdSender.fromConfig(
            Options.of(Map.of("flavor", "graphite"), "test [metlog]", "sender_")));
        assertEquals("test [metlog]: option sender_flavor = 'graphite': expected etsy, datadog, influx or telegraf"
            + " (an alias of influx)", e.getMessage());
        assertThrows(InvalidOptionException.class, () -> StatsdSender.fromConfig(Options.of(Map.of("flavor", 3))));
    }

    @Test
    void tags_with_the_etsy_flavor_fail_naming_the_key_and_the_flavor_option() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> StatsdSender.fromConfig(
            Options.of(Map.of("tags", "region"), "test [metlog]", "sender_")));
        assertEquals("test [metlog]: option sender_tags = 'region': expected no tags with flavor etsy (set"
            + " sender_flavor to datadog or influx)", e.getMessage());
    }

    @Test
    void messages_that_are_no_statistic_are_still_filtered_with_a_flavor() {
        MetlogClient client = client(StatsdSender.builder().flavor(StatsdFlavor.DATADOG));
        client.info("not a metric");
        client.incr("logins");
        assertEquals(1, lines(client).size());
        assertEquals(new DeliveryStats(1, 1, 0, 0, 0), ((StatsdSender) client.sender()).stats());
    }
}
