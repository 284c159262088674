package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.metlog.GlobalConfig;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.senders.NoSendSender;
import org.metlog.spi.ConfigurationException;
import org.metlog.testing.Race;

/** The loader and registries: named clients configured in place, bootstrap from INI, a registry it is given. */
class RegistryConfigTest {
    private static final int THREADS = 16;
    private static final String CAPTURE = "metlog.senders.DebugCaptureSender";
    private static final ClientRegistry REGISTRY = ClientHolder.registry();

    @BeforeEach
    @AfterEach
    void reset() {
        ClientHolder.clear();
        ProbeSender.BUILT.clear();
    }

    /** A hand-written registry of its own: records what the loader asks of it. */
    static final class RecordingRegistry implements ClientRegistry {
        final Map<String, MetlogClient> clients = new LinkedHashMap<>();
        final Map<MetlogClient, Set<String>> methods = new java.util.IdentityHashMap<>();
        final List<String> calls = new ArrayList<>();
        final GlobalConfig global = new GlobalConfig();

        @Override
        public synchronized MetlogClient getOrCreate(String name) {
            calls.add("getOrCreate " + name);
            return clients.computeIfAbsent(name, n -> new MetlogClient(null, n));
        }

        @Override
        public synchronized MetlogClient peek(String name) {
            calls.add("peek " + name);
            return clients.get(name);
        }

        @Override
        public GlobalConfig global() {
            return global;
        }

        @Override
        public synchronized Set<String> configuredMethods(MetlogClient client) {
            return methods.getOrDefault(client, Set.of());
        }

        @Override
        public synchronized void recordConfiguredMethods(MetlogClient client, Set<String> names) {
            methods.put(client, Set.copyOf(names));
        }
    }

    // ------------------------------------------------------------------ one named client from the map format

    @Test
    void sixteen_threads_racing_to_configure_a_new_name_get_one_fully_configured_client() {
        Map<String, Object> config = Map.of(
            "sender", Map.of("class", ProbeSender.class.getName()),
            "plugins", Map.of("dummy", List.of(ConfigPlugin.class.getName(), Map.of())));
        List<MetlogClient> clients = Race.run(THREADS, () -> MetlogConfig.configure("raced", REGISTRY, config));
        assertEquals(1, Race.identities(clients).size());
        MetlogClient client = clients.get(0);
        assertEquals(THREADS, ProbeSender.BUILT.size());
        assertEquals(1, ProbeSender.BUILT.stream().filter(s -> !s.closed()).count());
        assertFalse(((ProbeSender) client.sender()).closed());
        assertEquals(Set.of("dummy"), client.methodNames());
    }

    @Test
    void get_with_a_config_configures_that_client_in_place_and_sets_a_missing_logger_to_the_name() {
        MetlogClient early = ClientHolder.get("myapp");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("sender", new LinkedHashMap<>(Map.of("class", CAPTURE)));
        MetlogClient configured = MetlogConfig.configure("myapp", REGISTRY, config);
        assertSame(early, configured);
        assertEquals("myapp", early.logger());
        assertInstanceOf(DebugCaptureSender.class, early.sender());
        assertFalse(config.containsKey("logger"), "the caller's map was modified");
        assertEquals("{\"sender\":{\"class\":\"" + CAPTURE + "\"},\"logger\":\"myapp\"}", early.config());
    }

    @Test
    void get_with_a_matching_or_empty_logger_is_accepted() {
        MetlogConfig.configure("myapp", REGISTRY, Map.of("logger", "myapp", "sender", Map.of("class", CAPTURE)));
        MetlogConfig.configure("myapp", REGISTRY, Map.of("logger", "", "sender", Map.of("class", CAPTURE)));
        assertEquals("myapp", ClientHolder.get("myapp").logger());
    }

    @Test
    void get_with_a_config_for_another_logger_is_an_error_and_changes_nothing() {
        MetlogClient client = ClientHolder.get("myapp");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MetlogConfig.configure("myapp", REGISTRY,
            Map.of("logger", "other", "sender", Map.of("class", CAPTURE))));
        assertEquals("configuration map for client 'myapp': option logger = 'other': expected 'myapp' (the client's"
            + " name) or no logger", e.getMessage());
        assertInstanceOf(NoSendSender.class, client.sender());
    }

    @Test
    void get_with_an_empty_or_null_config_configures_nothing() {
        MetlogClient client = MetlogConfig.configure("myapp", REGISTRY, Map.of());
        assertSame(client, MetlogConfig.configure("myapp", REGISTRY, null));
        assertInstanceOf(NoSendSender.class, client.sender());
        assertNull(client.config());
    }

    // ------------------------------------------------------------------ bootstrap from an INI file

    @Test
    void configure_loads_the_metlog_section_into_the_client_named_by_its_logger(@TempDir Path dir)
        throws Exception {
        MetlogClient early = ClientHolder.get("myapp");
        Path ini = dir.resolve("metlog.ini");
        Files.writeString(ini, "[metlog]\nlogger = myapp\nsender_class = " + CAPTURE + "\nglobal_answer = 42\n");
        Map<String, MetlogClient> clients = MetlogConfig.configure(ini, REGISTRY);
        assertEquals(Map.of("metlog", early), clients);
        assertInstanceOf(DebugCaptureSender.class, early.sender());
        assertEquals(Map.of("answer", 42), ClientHolder.global().snapshot());
    }

    @Test
    void configure_names_a_client_without_logger_after_its_section(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[metlog]\nlogger = web\nsender_class = " + CAPTURE + "\n"
            + "[audit]\nsender_class = " + CAPTURE + "\n");
        Map<String, MetlogClient> clients = MetlogConfig.configure(ini, REGISTRY, "metlog", "audit");
        assertEquals(List.of("metlog", "audit"), List.copyOf(clients.keySet()));
        assertSame(ClientHolder.get("web"), clients.get("metlog"));
        assertSame(ClientHolder.get("audit"), clients.get("audit"));
        assertEquals("audit", clients.get("audit").logger());
        assertEquals(Set.of("audit", "web"), ClientHolder.names());
    }

    @Test
    void configure_is_all_or_nothing_across_sections(@TempDir Path dir) throws Exception {
        MetlogClient web = ClientHolder.get("web");
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[metlog]\nlogger = web\nsender_class = " + ProbeSender.class.getName() + "\n"
            + "global_x = 1\n[audit]\nsender_class = no.such.Sender\n");
        assertThrows(ConfigurationException.class, () -> MetlogConfig.configure(ini, REGISTRY, "metlog", "audit"));
        assertInstanceOf(NoSendSender.class, web.sender());
        assertTrue(ProbeSender.BUILT.get(0).closed());
        assertEquals(Map.of(), ClientHolder.global().snapshot());
        assertNull(ClientHolder.peek("audit"));
    }

    @Test
    void a_plugin_failing_for_a_new_client_leaves_every_client_of_a_multi_section_configure_as_it_was(
        @TempDir Path dir) throws Exception {
        MetlogClient web = ClientHolder.get("web");
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[metlog]\nlogger = web\nsender_class = " + CAPTURE + "\n"
            + "[audit]\nsender_class = " + CAPTURE + "\n[audit_plugin_x]\nprovider = " + FailingPlugin.class.getName()
            + "\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
            () -> MetlogConfig.configure(ini, REGISTRY, "metlog", "audit"));
        assertTrue(e.getMessage().contains("this plugin always fails"), e.getMessage());
        assertInstanceOf(NoSendSender.class, web.sender(), "the first section's client was not configured");
        assertInstanceOf(NoSendSender.class, ClientHolder.get("audit").sender());
    }

    @Test
    void configure_reports_a_missing_section(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[other]\na = 1\n");
        assertThrows(MissingSectionException.class, () -> MetlogConfig.configure(ini, REGISTRY));
    }

    @Test
    void configure_refuses_two_sections_for_one_client(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[a]\nlogger = same\nsender_class = " + CAPTURE + "\n[b]\nlogger = same\n"
            + "sender_class = " + CAPTURE + "\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
            () -> MetlogConfig.configure(ini, REGISTRY, "a", "b"));
        assertEquals(ini + " [b]: client 'same' is also configured by another of the sections [a, b]",
            e.getMessage());
    }

    // ------------------------------------------------------------------ a registry other than the process one

    @Test
    void the_loader_configures_the_registry_it_is_given_and_leaves_the_process_registry_alone(@TempDir Path dir)
        throws Exception {
        Path ini = dir.resolve("metlog.ini");
        Files.writeString(ini, "[metlog]\nlogger = web\nsender_class = " + CAPTURE + "\nglobal_answer = 42\n"
            + "[metlog_plugin_d]\nprovider = " + ConfigPlugin.class.getName() + "\n");
        RecordingRegistry registry = new RecordingRegistry();
        Map<String, MetlogClient> clients = MetlogConfig.configure(ini, registry);
        MetlogClient web = registry.clients.get("web");
        assertSame(web, clients.get("metlog"));
        assertInstanceOf(DebugCaptureSender.class, web.sender());
        assertEquals(List.of("peek web", "getOrCreate web"), registry.calls);
        assertEquals(Map.of("answer", 42), registry.global.snapshot());
        assertEquals(Set.of("dummy"), registry.methods.get(web));
        assertEquals(Set.of(), ClientHolder.names());
        assertEquals(Map.of(), ClientHolder.global().snapshot());
    }

    @Test
    void reconfiguring_through_the_same_given_registry_rebinds_its_configured_methods(@TempDir Path dir)
        throws Exception {
        Path ini = dir.resolve("metlog.ini");
        Files.writeString(ini, "[metlog]\nlogger = web\nsender_class = " + CAPTURE + "\n"
            + "[metlog_plugin_d]\nprovider = " + ConfigPlugin.class.getName() + "\nport = 1\n");
        RecordingRegistry registry = new RecordingRegistry();
        MetlogConfig.configure(ini, registry);
        Files.writeString(ini, Files.readString(ini).replace("port = 1", "port = 2"));
        MetlogClient web = MetlogConfig.configure(ini, registry).get("metlog");
        assertEquals(Map.of("port", 2), ((Map<?, ?>) web.call("dummy")).get("config"));
    }

    @Test
    void a_named_map_configuration_goes_to_the_given_registry() {
        RecordingRegistry registry = new RecordingRegistry();
        MetlogClient client = MetlogConfig.configure("svc", registry, Map.of("sender", Map.of("class", CAPTURE),
            "global", Map.of("k", "v")));
        assertSame(client, registry.clients.get("svc"));
        assertEquals("svc", client.logger());
        assertEquals(Map.of("k", "v"), registry.global.snapshot());
        assertNull(ClientHolder.peek("svc"));
    }

    @Test
    void a_standalone_client_applies_its_global_values_to_no_registry() {
        ClientHolder.global().merge(Map.of("kept", 1));
        MetlogClient client = MetlogConfig.clientFromText("[metlog]\nsender_class = " + CAPTURE
            + "\nglobal_answer = 42\n", "metlog");
        assertInstanceOf(DebugCaptureSender.class, client.sender());
        assertEquals(Map.of("kept", 1), ClientHolder.global().snapshot());
        MetlogConfig.clientFromMap(Map.of("sender", Map.of("class", CAPTURE), "global", Map.of("x", 1)));
        assertEquals(Map.of("kept", 1), ClientHolder.global().snapshot());
    }

    @Test
    void a_bad_global_value_is_still_an_error_for_a_standalone_client() {
        assertThrows(ConfigurationException.class, () -> MetlogConfig.clientFromMap(Map.of("sender",
            Map.of("class", CAPTURE), "global", "not a map")));
    }

    @Test
    void the_process_registry_keeps_a_client_in_a_static_field_and_configures_it_in_place(@TempDir Path dir)
        throws Exception {
        MetlogClient early = ClientHolder.get("myapp");
        Path ini = Files.writeString(dir.resolve("metlog.ini"), "[metlog]\nlogger = myapp\nsender_class = "
            + CAPTURE + "\n");
        MetlogConfig.configure(ini, ClientHolder.registry());
        assertSame(early, ClientHolder.get("myapp"));
        assertTrue(early.isActive());
    }
}
