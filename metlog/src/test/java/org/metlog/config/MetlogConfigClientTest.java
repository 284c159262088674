package org.metlog.config;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.UnknownOptionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.ClientHolder;
import org.metlog.ClientRegistry;
import org.metlog.MetlogClient;
import org.metlog.message.Severity;
import org.metlog.spi.Filter;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.senders.FileSender;
import org.metlog.senders.NoSendSender;

/** Building and reconfiguring clients: defaults, filters, plugins, atomicity, the map format's shapes. */
class MetlogConfigClientTest {
    private static final String CAPTURE = "metlog.senders.DebugCaptureSender";
    private static final String PROBE = ProbeSender.class.getName();
    private static final String RECORDING = RecordingFilterProvider.class.getName();
    private static final ClientRegistry REGISTRY = ClientHolder.registry();

    @BeforeEach
    @AfterEach
    void reset() {
        ClientHolder.clear();
        RecordingFilterProvider.CALLS.clear();
        ProbeSender.BUILT.clear();
    }

    private static Map<String, Object> mutableMap(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String probeIni(String name, String extra) {
        return "[metlog]\nlogger = app\nsender_class = " + PROBE + "\nsender_name = " + name + "\n" + extra;
    }

    // ------------------------------------------------------------------ defaults and basics

    @Test
    void a_configuration_with_only_a_sender_gets_metlog_py_defaults() {
        MetlogClient client = MetlogConfig.clientFromMap(Map.of("sender", Map.of("class", CAPTURE)));
        assertEquals("", client.logger());
        assertEquals(Severity.INFORMATIONAL, client.severity());
        assertEquals(Set.of(), client.disabledTimers());
        assertEquals(List.of(), client.filters());
        assertEquals("", client.prefix());
        assertEquals(Set.of(), client.methodNames());
    }

    @Test
    void prefix_sets_the_clients_stat_name_prefix() {
        MetlogClient client = MetlogConfig.clientFromText("[metlog]\nprefix = myapp\nsender_class = " + CAPTURE,
            "metlog");
        assertEquals("myapp", client.prefix());
    }

    @Test
    void top_level_sender_keys_are_nested_into_the_sender_and_overwrite_its_values() {
        Map<String, Object> config = mutableMap(
            "sender", mutableMap("class", CAPTURE, "port", 1, "host", "a"),
            "sender_port", 2,
            "global_x", "y");
        MetlogClient client = MetlogConfig.clientFromMap(config, null, REGISTRY, false);
        DebugCaptureSender sender = (DebugCaptureSender) client.sender();
        assertEquals(Map.of("port", 2, "host", "a"), sender.attributes());
        assertEquals(Map.of("x", "y"), ClientHolder.global().snapshot());
    }

    @Test
    void sender_args_are_passed_as_positional_arguments(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.json");
        MetlogClient client = MetlogConfig.clientFromMap(Map.of("sender", Map.of(
            "class", "metlog.senders.dev.FileSender",
            "args", List.of(log.toString()),
            "formatter", "org.metlog.senders.Formatters#payload")));
        assertEquals(log, assertInstanceOf(FileSender.class, client.sender()).path());
        client.info("hello");
        client.close();
        assertEquals("hello", Files.readString(log).strip());
    }

    @Test
    void ini_sender_args_are_positional_arguments_too(@TempDir Path dir) {
        Path log = dir.resolve("out.json");
        MetlogClient client = MetlogConfig.clientFromText("[metlog]\nsender_class = metlog.senders.dev.FileSender\n"
            + "sender_args = " + log + "\n", "metlog");
        assertEquals(log, ((FileSender) client.sender()).path());
        client.close();
    }

    @Test
    void sender_sections_reach_the_sender_as_its_senders_option() {
        String ini = "[metlog]\nsender_class = " + CAPTURE + "\n[metlog_sender_a]\nclass = x\nport = 5\n";
        DebugCaptureSender sender = (DebugCaptureSender) MetlogConfig.clientFromText(ini, "metlog").sender();
        assertEquals(Map.of("a", Map.of("class", "x", "port", 5)), sender.attribute("senders"));
    }

    // ------------------------------------------------------------------ filters

    @Test
    void filters_run_in_file_order_and_a_rejecting_filter_stops_the_chain() {
        String ini = """
            [metlog]
            sender_class = metlog.senders.DebugCaptureSender
            [metlog_filter_zzz]
            provider = %1$s
            label = first
            [metlog_filter_aaa]
            provider = %1$s
            label = second
            reject = yes
            [metlog_filter_mmm]
            provider = %1$s
            label = third
            """.formatted(RECORDING);
        MetlogClient client = MetlogConfig.clientFromText(ini, "metlog");
        client.info("one");
        assertEquals(List.of("first", "second"), RecordingFilterProvider.CALLS);
        assertEquals(List.of(), ((DebugCaptureSender) client.sender()).messages());
    }

    @Test
    void map_filters_may_be_lists_arrays_or_map_entries() {
        List<Object> filters = new ArrayList<>();
        filters.add(List.of(RECORDING, Map.of("label", "list")));
        filters.add(new Object[] {RECORDING, Map.of("label", "array")});
        filters.add(Map.entry(RECORDING, Map.of("label", "entry")));
        MetlogClient client = MetlogConfig.clientFromMap(Map.of("sender", Map.of("class", CAPTURE),
            "filters", filters));
        client.info("x");
        assertEquals(List.of("list", "array", "entry"), RecordingFilterProvider.CALLS);
    }

    @Test
    void a_filter_pair_may_give_null_options() {
        List<Object> pair = new ArrayList<>();
        pair.add(RECORDING);
        pair.add(null);
        MetlogClient client = MetlogConfig.clientFromMap(Map.of("sender", Map.of("class", CAPTURE),
            "filters", List.of(pair)));
        client.info("x");
        assertEquals(List.of("unlabelled"), RecordingFilterProvider.CALLS);
    }

    // ------------------------------------------------------------------ plugins

    @Test
    void a_plugin_is_bound_under_its_providers_name_not_the_section_name() {
        MetlogClient client = MetlogConfig.clientFromText(probeIni("p",
            "[metlog_plugin_anything]\nprovider = " + ConfigPlugin.class.getName() + "\nport = 1\n"), "metlog");
        assertEquals(Set.of("dummy"), client.methodNames());
    }

    @Test
    void a_plugin_without_a_canonical_name_is_bound_under_its_section_suffix() {
        MetlogClient client = MetlogConfig.clientFromText(probeIni("p",
            "[metlog_plugin_greet]\nprovider = " + UnnamedPlugin.class.getName() + "\nreply = hi\n"), "metlog");
        assertEquals("hi", client.call("greet"));
    }

    @Test
    void a_plugin_clashing_with_a_method_bound_in_code_is_an_error_and_changes_nothing() {
        MetlogClient client = ClientHolder.get("app");
        client.addMethod("dummy", args -> "mine");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MetlogConfig.clientFromText(
            probeIni("new", "[metlog_plugin_d]\nprovider = " + ConfigPlugin.class.getName() + "\n"), "metlog",
            client, REGISTRY, false));
        assertEquals("INI text [metlog_plugin_d]: method 'dummy' is already bound to client 'app'; set override ="
            + " dummy (or true) in the plugin's configuration to replace it", e.getMessage());
        assertEquals("mine", client.call("dummy"));
        assertInstanceOf(NoSendSender.class, client.sender());
        assertTrue(ProbeSender.BUILT.get(0).closed());
    }

    @Test
    void override_true_replaces_a_method_bound_in_code() {
        MetlogClient client = ClientHolder.get("app");
        client.addMethod("dummy", args -> "mine");
        MetlogConfig.clientFromText(probeIni("new", "[metlog_plugin_d]\nprovider = " + ConfigPlugin.class.getName()
            + "\noverride = true\nport = 1\n"), "metlog", client, REGISTRY, false);
        assertEquals(Map.of("port", 1), ((Map<?, ?>) client.call("dummy")).get("config"));
    }

    @Test
    void override_naming_a_method_binds_the_plugin_under_that_name_replacing_it() {
        MetlogClient client = ClientHolder.get("app");
        client.addMethod("legacy", args -> "old");
        MetlogConfig.clientFromText(probeIni("new", "[metlog_plugin_d]\nprovider = " + ConfigPlugin.class.getName()
            + "\noverride = legacy\n"), "metlog", client, REGISTRY, false);
        assertEquals(Set.of("legacy"), client.methodNames());
        assertInstanceOf(Map.class, client.call("legacy"));
    }

    @Test
    void two_plugins_with_the_same_method_name_clash() {
        String plugin = "provider = " + ConfigPlugin.class.getName() + "\n";
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MetlogConfig.clientFromText(
            probeIni("p", "[metlog_plugin_one]\n" + plugin + "[metlog_plugin_two]\n" + plugin), "metlog"));
        assertEquals("INI text [metlog_plugin_two]: plugin org.metlog.config.ConfigPlugin would bind method"
            + " 'dummy', which INI text [metlog_plugin_one] binds too", e.getMessage());
        assertTrue(ProbeSender.BUILT.get(0).closed());
    }

    @Test
    void a_plugin_may_not_take_the_name_of_a_built_in_method() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MetlogConfig.clientFromText(
            probeIni("p", "[metlog_plugin_incr]\nprovider = " + UnnamedPlugin.class.getName() + "\n"), "metlog"));
        assertEquals("INI text [metlog_plugin_incr]: plugin org.metlog.config.UnnamedPlugin would bind method"
            + " 'incr', which is a built-in method of MetlogClient and cannot be replaced", e.getMessage());
    }

    @Test
    void reconfiguring_rebinds_the_previous_configurations_methods_and_unbinds_those_it_no_longer_has() {
        MetlogClient client = ClientHolder.get("app");
        client.addMethod("mine", args -> "kept");
        String plugins = "[metlog_plugin_d]\nprovider = " + ConfigPlugin.class.getName() + "\nport = 1\n"
            + "[metlog_plugin_greet]\nprovider = " + UnnamedPlugin.class.getName() + "\n";
        MetlogConfig.clientFromText(probeIni("one", plugins), "metlog", client, REGISTRY, false);
        MetlogConfig.clientFromText(probeIni("two", plugins.replace("port = 1", "port = 2")), "metlog", client,
            REGISTRY, false);
        assertEquals(Map.of("port", 2), ((Map<?, ?>) client.call("dummy")).get("config"));
        assertEquals(Set.of("dummy", "greet", "mine"), client.methodNames());

        MetlogConfig.clientFromText(probeIni("three", ""), "metlog", client, REGISTRY, false);
        assertEquals(Set.of("mine"), client.methodNames());
    }

    // ------------------------------------------------------------------ reconfiguring and atomicity

    @Test
    void configuring_an_existing_client_changes_that_object_in_place_and_closes_its_old_sender() {
        MetlogClient client = MetlogConfig.clientFromText(probeIni("first", ""), "metlog");
        MetlogClient again = MetlogConfig.clientFromText(probeIni("second", "severity = 2\n"), "metlog", client,
            REGISTRY, false);
        assertSame(client, again);
        assertEquals("second", ((ProbeSender) client.sender()).name());
        assertEquals(2, client.severity());
        assertTrue(ProbeSender.BUILT.get(0).closed());
        assertFalse(ProbeSender.BUILT.get(1).closed());
    }

    @Test
    void a_failed_reconfiguration_keeps_the_previous_setup_and_closes_what_it_built() {
        String good = probeIni("good", """
            severity = 3
            disabled_timers = t
            global_answer = 42
            [metlog_filter_a]
            provider = %s
            label = a
            [metlog_plugin_d]
            provider = %s
            """.formatted(RECORDING, ConfigPlugin.class.getName()));
        MetlogClient client = MetlogConfig.clientFromText(good, "metlog", null, REGISTRY, false);
        String json = client.config();
        List<Filter> filters = client.filters();

        String bad = probeIni("bad", """
            severity = 5
            global_answer = 43
            [metlog_filter_a]
            provider = org.metlog.filters.NoSuchProvider
            """);
        assertThrows(ComponentNotAllowedException.class,
            () -> MetlogConfig.clientFromText(bad, "metlog", client, REGISTRY, false));

        ProbeSender goodSender = ProbeSender.BUILT.get(0);
        ProbeSender badSender = ProbeSender.BUILT.get(1);
        assertEquals("bad", badSender.name());
        assertTrue(badSender.closed());
        assertSame(goodSender, client.sender());
        assertFalse(goodSender.closed());
        assertEquals(3, client.severity());
        assertEquals(Set.of("t"), client.disabledTimers());
        assertEquals(filters, client.filters());
        assertEquals(Set.of("dummy"), client.methodNames());
        assertEquals(json, client.config());
        assertEquals(Map.of("answer", 42), ClientHolder.global().snapshot());
    }

    @Test
    void a_sender_built_with_an_unknown_option_is_closed() {
        assertThrows(UnknownOptionException.class, () -> MetlogConfig.clientFromText(
            probeIni("typo", "sender_nmae = x\n"), "metlog"));
        assertTrue(ProbeSender.BUILT.get(0).closed());
    }

    @Test
    void a_failing_sender_leaves_nothing_applied() {
        MetlogClient client = ClientHolder.get("app");
        assertThrows(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(Map.of(
            "severity", 2, "global", Map.of("k", "v"),
            "sender", Map.of("class", "metlog.senders.dev.StreamSender", "stream", "nowhere")), client, REGISTRY,
            false));
        assertEquals(Severity.INFORMATIONAL, client.severity());
        assertInstanceOf(NoSendSender.class, client.sender());
        assertEquals(Map.of(), ClientHolder.global().snapshot());
    }

    // ------------------------------------------------------------------ input handling, global, JSON

    @Test
    void the_input_map_is_never_modified() throws Exception {
        Map<String, Object> config = mutableMap(
            "logger", "app",
            "sender", mutableMap("class", CAPTURE, "args", new ArrayList<>(List.of()), "host", "h"),
            "sender_port", 5,
            "global_g", 1,
            "filters", new ArrayList<>(List.of(new ArrayList<>(List.of(RECORDING, mutableMap("label", "x"))))),
            "plugins", mutableMap("dummy", new ArrayList<>(List.of(ConfigPlugin.class.getName(),
                mutableMap("override", true, "port", 1)))));
        ObjectMapper json = new ObjectMapper();
        String before = json.writeValueAsString(config);
        MetlogConfig.clientFromMap(config);
        assertEquals(before, json.writeValueAsString(config));
    }

    @Test
    void the_same_map_can_be_loaded_twice_into_new_clients_and_into_one_client() {
        Map<String, Object> config = mutableMap("logger", "app",
            "sender", mutableMap("class", CAPTURE),
            "plugins", mutableMap("dummy", List.of(ConfigPlugin.class.getName(), mutableMap("port", 1))));
        MetlogClient one = MetlogConfig.clientFromMap(config, null, REGISTRY, false);
        MetlogClient two = MetlogConfig.clientFromMap(config);
        assertNotSame(one, two);
        assertNotSame(one.sender(), two.sender());
        assertEquals(one.config(), two.config());
        MetlogConfig.clientFromMap(config, one, REGISTRY, false);
        MetlogConfig.clientFromMap(config, one, REGISTRY, false);
        assertEquals(Set.of("dummy"), one.methodNames());
    }

    @Test
    void global_values_merge_unless_clear_global_is_set() {
        ClientHolder.global().merge(Map.of("old", 1, "shared", 1));
        MetlogConfig.clientFromMap(Map.of("sender", Map.of("class", CAPTURE), "global", Map.of("shared", 2)), null,
            REGISTRY, false);
        assertEquals(Map.of("old", 1, "shared", 2), ClientHolder.global().snapshot());
        MetlogConfig.clientFromMap(Map.of("sender", Map.of("class", CAPTURE), "global", Map.of("new", 3)), null,
            REGISTRY, true);
        assertEquals(Map.of("new", 3), ClientHolder.global().snapshot());
    }

    @Test
    void clear_global_works_from_ini_too() {
        ClientHolder.global().merge(Map.of("old", 1));
        MetlogConfig.clientFromText("[metlog]\nsender_class = " + CAPTURE + "\nglobal_new = 2\n", "metlog", null,
            REGISTRY, true);
        assertEquals(Map.of("new", 2), ClientHolder.global().snapshot());
    }

    @Test
    void an_ini_configured_client_keeps_the_json_of_the_converted_map() throws Exception {
        String ini = "[metlog]\nlogger = app\nsender_class = " + CAPTURE + "\nsender_port = 5\n";
        MetlogClient client = MetlogConfig.clientFromText(ini, "metlog");
        assertEquals(new ObjectMapper().writeValueAsString(MetlogConfig.mapFromText(ini, "metlog")),
            client.config());
        assertEquals("{\"logger\":\"app\",\"sender\":{\"class\":\"" + CAPTURE + "\",\"port\":5}}", client.config());
    }

    @Test
    void reader_and_path_sources_build_clients(@TempDir Path dir) throws Exception {
        String ini = probeIni("r", "");
        Path file = dir.resolve("metlog.ini");
        Files.writeString(file, ini);
        assertEquals("r", ((ProbeSender) MetlogConfig.clientFromReader(new java.io.StringReader(ini), "metlog")
            .sender()).name());
        MetlogClient fromPath = MetlogConfig.clientFromPath(file, "metlog");
        assertEquals("app", fromPath.logger());
        MetlogClient existing = ClientHolder.get("x");
        assertSame(existing, MetlogConfig.clientFromPath(file, "metlog", existing, REGISTRY, false));
        assertSame(existing, MetlogConfig.clientFromReader(new java.io.StringReader(ini), "metlog", existing, REGISTRY,
            false));
    }
}
