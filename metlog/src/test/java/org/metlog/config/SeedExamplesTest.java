package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.senders.StdoutSender;

/**
 * The configuration examples of the metlog-py docs (sections 1.1 and 1.2), verbatim except that the ZeroMQ and
 * UDP senders are replaced by {@code metlog.senders.DebugCaptureSender} and metlog-py's test plugin by its Java
 * stand-in {@link ConfigPlugin}.
 */
class SeedExamplesTest {
    /** Section 1.1.1 / 1.2.1, with the capture sender. */
    private static final String INI_1_1_1 = """
        [metlog]
        logger = myapp
        severity = 4
        disabled_timers = foo
                          bar
        sender_class = metlog.senders.DebugCaptureSender
        sender_bindstrs = tcp://127.0.0.1:5565
        sender_queue_length = 5000
        global_disabled_decorators = incr_count
        """;

    /** Section 1.2.1 with its filter sections. */
    private static final String INI_1_2_1 = """
        [metlog]
        logger = myapp
        severity = 4
        disabled_timers = foo
                            bar
        sender_class = metlog.senders.DebugCaptureSender
        sender_bindstrs = tcp://127.0.0.1:5565
        sender_queue_length = 5000
        global_disabled_decorators = incr_count

        [metlog_filter_sev_max]
        provider = metlog.filters.severity_max_provider
        severity = 4

        [metlog_filter_type_whitelist]
        provider = metlog.filters.type_whitelist_provider
        types = timer
                oldstyle
        """;

    @BeforeEach
    @AfterEach
    void resetHolder() {
        ClientHolder.clear();
    }

    private static Map<String, Object> dict_1_1_1() {
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("class", "metlog.senders.DebugCaptureSender");
        sender.put("bindstrs", "tcp://127.0.0.1:5565");
        sender.put("queue_length", 5000);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("logger", "myapp");
        config.put("severity", 4);
        config.put("disabled_timers", List.of("foo", "bar"));
        config.put("sender", sender);
        config.put("global", Map.of("disabled_decorators", List.of("incr_count")));
        return config;
    }

    private static void assertDocumentedClient(MetlogClient client) {
        assertEquals("myapp", client.logger());
        assertEquals(4, client.severity());
        assertEquals(Set.of("foo", "bar"), client.disabledTimers());
        assertTrue(client.isTimerDisabled("foo"));
        assertFalse(client.isTimerDisabled("baz"));
        DebugCaptureSender sender = assertInstanceOf(DebugCaptureSender.class, client.sender());
        assertEquals("tcp://127.0.0.1:5565", sender.attribute("bindstrs"));
        assertEquals(Integer.valueOf(5000), assertInstanceOf(Integer.class, sender.attribute("queue_length")));
        assertEquals(Map.of("disabled_decorators", List.of("incr_count")), ClientHolder.global().snapshot());
    }

    @Test
    void section_1_1_1_text_config_builds_the_documented_client() {
        assertDocumentedClient(MetlogConfig.clientFromText(INI_1_1_1, "metlog", null, ClientHolder.registry(),
            false));
    }

    @Test
    void section_1_1_1_dictionary_config_builds_the_same_client() {
        assertDocumentedClient(MetlogConfig.clientFromMap(dict_1_1_1(), null, ClientHolder.registry(), false));
    }

    @Test
    void section_1_1_1_text_and_dictionary_give_the_same_configuration_json() throws Exception {
        MetlogClient fromText = MetlogConfig.clientFromText(INI_1_1_1, "metlog");
        Map<String, Object> dict = MetlogConfig.mapFromText(INI_1_1_1, "metlog");
        assertEquals(dict_1_1_1(), dict);
        assertEquals(new ObjectMapper().writeValueAsString(dict), fromText.config());
    }

    @Test
    void section_1_1_2_stream_config_builds_the_documented_client() {
        MetlogClient client = MetlogConfig.clientFromStream(
            new ByteArrayInputStream(INI_1_1_1.getBytes(StandardCharsets.UTF_8)), "metlog", null,
            ClientHolder.registry(), false);
        assertDocumentedClient(client);
        client.metlog("msgtype", "Message payload");
        Map<String, Object> sent = ((DebugCaptureSender) client.sender()).last();
        assertEquals("msgtype", sent.get("type"));
        assertEquals("Message payload", sent.get("payload"));
        assertEquals("myapp", sent.get("logger"));
    }

    @Test
    void section_1_1_3_holder_client_is_configured_in_place_by_a_stream_config() {
        MetlogClient metlogger = ClientHolder.get("myapp");
        assertFalse(metlogger.isActive());
        MetlogClient configured = MetlogConfig.clientFromStream(
            new ByteArrayInputStream(INI_1_1_1.getBytes(StandardCharsets.UTF_8)), "metlog", metlogger,
            ClientHolder.registry(), false);
        assertSame(metlogger, configured);
        assertSame(metlogger, ClientHolder.get("myapp"));
        assertTrue(metlogger.isActive());
        assertDocumentedClient(metlogger);
    }

    @Test
    void section_1_1_3_minimal_get_client_config_sends_to_stdout() {
        Map<String, Object> metlogConfig = Map.of("sender", Map.of("class", "metlog.senders.dev.StdoutSender"));
        MetlogClient metlogger = MetlogConfig.configure("myapp", ClientHolder.registry(), metlogConfig);
        assertInstanceOf(StdoutSender.class, metlogger.sender());
        assertEquals("myapp", metlogger.logger());
        assertSame(metlogger, ClientHolder.get("myapp"));
    }

    @Test
    void section_1_2_1_filters_apply_in_order_severity_max_then_type_whitelist() {
        MetlogClient client = MetlogConfig.clientFromText(INI_1_2_1, "metlog");
        assertEquals(2, client.filters().size());
        DebugCaptureSender sender = (DebugCaptureSender) client.sender();

        client.info("informational: above severity 4");      // severity 6: dropped by severity_max
        client.warn("warning");                              // oldstyle at 4: delivered
        client.incr("hits");                                 // counter at 4: dropped by the whitelist
        client.metlog("timer", "12");                        // timer at 4: delivered
        client.metlog("timer", null, 5, "13", null);         // timer at 5: dropped by severity_max

        assertEquals(List.of("oldstyle:warning", "timer:12"), sender.decoded().stream()
            .map(m -> m.get("type") + ":" + m.get("payload")).toList());
        assertEquals(3, client.stats().filtered());
    }

    @Test
    void section_1_2_2_plugin_section_binds_the_dummy_method_on_the_holders_client(@TempDir Path dir)
        throws Exception {
        Path ini = dir.resolve("metlog.ini");
        Files.writeString(ini, """
            [metlog]
            logger = your_app_name
            sender_class = metlog.senders.DebugCaptureSender

            [metlog_plugin_dummysection]
            provider=org.metlog.config.ConfigPlugin
            port=8080
            host=localhost
            """);
        MetlogConfig.configure(ini, ClientHolder.registry());
        MetlogClient client = ClientHolder.get("your_app_name");
        assertEquals(Set.of("dummy"), client.methodNames());
        Map<?, ?> result = (Map<?, ?>) client.call("dummy", "some", "ignored", "arguments", 42);
        assertEquals(Map.of("port", 8080, "host", "localhost"), result.get("config"));
        assertEquals(List.of("some", "ignored", "arguments", 42), result.get("args"));
        assertEquals("your_app_name", result.get("logger"));
    }

    @Test
    void section_1_2_3_dictionary_with_filters_and_plugins_builds_the_documented_client() {
        Map<String, Object> config = dict_1_1_1();
        config.put("filters", List.of(
            List.of("metlog.filters.severity_max", Map.of("severity", 4)),
            List.of("metlog.filters.type_whitelist", Map.of("types", List.of("timer", "oldstyle")))));
        config.put("plugins", Map.of("dummy", List.of("org.metlog.config.ConfigPlugin:configPlugin",
            Map.of("port", 8080, "host", "localhost"))));
        MetlogClient client = MetlogConfig.clientFromMap(config, null, ClientHolder.registry(), false);
        assertDocumentedClient(client);

        DebugCaptureSender sender = (DebugCaptureSender) client.sender();
        client.info("dropped");
        client.metlog("timer", "7");
        assertEquals(List.of("timer"), sender.decoded().stream().map(m -> m.get("type")).toList());
        Map<?, ?> result = (Map<?, ?>) client.call("dummy", "some", "ignored", "arguments", 42);
        assertEquals(Map.of("port", 8080, "host", "localhost"), result.get("config"));
    }

    @Test
    void section_1_2_4_client_keeps_the_json_of_its_configuration() throws Exception {
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("class", "metlog.senders.DebugCaptureSender");
        sender.put("host", List.of("logstash1", "logstash2"));
        sender.put("port", "5566");
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("logger", "addons-marketplace-dev");
        cfg.put("sender", sender);

        MetlogClient client = MetlogConfig.clientFromMap(cfg);

        assertEquals(new ObjectMapper().writeValueAsString(cfg), client.config());
        DebugCaptureSender built = (DebugCaptureSender) client.sender();
        assertEquals(List.of("logstash1", "logstash2"), built.attribute("host"));
        assertEquals("5566", built.attribute("port"));
        assertEquals("addons-marketplace-dev", client.logger());
    }
}
