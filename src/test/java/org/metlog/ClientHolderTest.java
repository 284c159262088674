package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.config.ConfigPlugin;
import org.metlog.spi.ConfigurationException;
import org.metlog.config.MissingSectionException;
import org.metlog.config.ProbeSender;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.senders.NoSendSender;

class ClientHolderTest {
    private static final int THREADS = 16;
    private static final String CAPTURE = "metlog.senders.DebugCaptureSender";

    @BeforeEach
    @AfterEach
    void reset() {
        ClientHolder.clear();
        ProbeSender.BUILT.clear();
    }

    /** Runs {@code task} on {@value #THREADS} threads released together by a start gate; returns the results. */
    private static <T> List<T> race(Callable<T> task) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch ready = new CountDownLatch(THREADS);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<T>> futures = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    futures.add(pool.submit(() -> {
                        ready.countDown();
                        start.await();
                        return task.call();
                    }));
                }
                assertTrue(ready.await(30, TimeUnit.SECONDS), "threads did not start");
                start.countDown();
                List<T> results = new ArrayList<>();
                for (Future<T> f : futures) {
                    results.add(f.get(30, TimeUnit.SECONDS));
                }
                return results;
            } finally {
                pool.shutdownNow();
            }
        });
    }

    private static Set<Object> identities(List<?> objects) {
        Set<Object> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(objects);
        return set;
    }

    // ------------------------------------------------------------------ get

    @Test
    void get_returns_the_same_unconfigured_client_for_a_name_every_time() {
        MetlogClient client = ClientHolder.get("myapp");
        assertSame(client, ClientHolder.get("myapp"));
        assertEquals("myapp", client.logger());
        assertInstanceOf(NoSendSender.class, client.sender());
        assertFalse(client.isActive());
    }

    @Test
    void sixteen_threads_racing_for_a_new_name_all_get_one_client() {
        List<MetlogClient> clients = race(() -> ClientHolder.get("raced"));
        assertEquals(THREADS, clients.size());
        assertEquals(1, identities(clients).size());
        assertSame(clients.get(0), ClientHolder.get("raced"));
    }

    @Test
    void sixteen_threads_racing_to_configure_a_new_name_get_one_fully_configured_client() {
        Map<String, Object> config = Map.of(
            "sender", Map.of("class", ProbeSender.class.getName()),
            "plugins", Map.of("dummy", List.of(ConfigPlugin.class.getName(), Map.of())));
        List<MetlogClient> clients = race(() -> ClientHolder.get("raced", config));
        assertEquals(1, identities(clients).size());
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
        MetlogClient configured = ClientHolder.get("myapp", config);
        assertSame(early, configured);
        assertEquals("myapp", early.logger());
        assertInstanceOf(DebugCaptureSender.class, early.sender());
        assertFalse(config.containsKey("logger"), "the caller's map was modified");
        assertEquals("{\"sender\":{\"class\":\"" + CAPTURE + "\"},\"logger\":\"myapp\"}", early.config());
    }

    @Test
    void get_with_a_matching_or_empty_logger_is_accepted() {
        ClientHolder.get("myapp", Map.of("logger", "myapp", "sender", Map.of("class", CAPTURE)));
        ClientHolder.get("myapp", Map.of("logger", "", "sender", Map.of("class", CAPTURE)));
        assertEquals("myapp", ClientHolder.get("myapp").logger());
    }

    @Test
    void get_with_a_config_for_another_logger_is_an_error_and_changes_nothing() {
        MetlogClient client = ClientHolder.get("myapp");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ClientHolder.get("myapp",
            Map.of("logger", "other", "sender", Map.of("class", CAPTURE))));
        assertEquals("configuration map for client 'myapp': option logger = 'other': expected 'myapp' (the client's"
            + " name) or no logger", e.getMessage());
        assertInstanceOf(NoSendSender.class, client.sender());
    }

    @Test
    void get_with_an_empty_or_null_config_configures_nothing() {
        MetlogClient client = ClientHolder.get("myapp", Map.of());
        assertSame(client, ClientHolder.get("myapp", null));
        assertInstanceOf(NoSendSender.class, client.sender());
        assertNull(client.config());
    }

    // ------------------------------------------------------------------ default, set, delete, global

    @Test
    void the_first_client_registered_is_the_default_unless_a_default_name_is_set() {
        assertNull(ClientHolder.getDefault());
        MetlogClient first = ClientHolder.get("first");
        ClientHolder.get("second");
        assertSame(first, ClientHolder.getDefault());
        ClientHolder.setDefaultName("second");
        assertSame(ClientHolder.get("second"), ClientHolder.getDefault());
        assertEquals("second", ClientHolder.defaultName());
    }

    @Test
    void a_default_name_set_before_any_client_creates_that_client_on_demand() {
        ClientHolder.setDefaultName("later");
        ClientHolder.get("other");
        assertEquals("later", ClientHolder.getDefault().logger());
    }

    @Test
    void a_pre_built_client_can_be_registered_and_becomes_default_if_first() {
        MetlogClient built = MetlogClient.builder().logger("x").build();
        ClientHolder.set("x", built);
        assertSame(built, ClientHolder.get("x"));
        assertSame(built, ClientHolder.getDefault());
    }

    @Test
    void deleting_the_default_client_clears_the_default() {
        MetlogClient client = ClientHolder.get("gone");
        assertSame(client, ClientHolder.delete("gone"));
        assertNull(ClientHolder.defaultName());
        assertNull(ClientHolder.peek("gone"));
        assertEquals(Set.of(), ClientHolder.names());
        assertNull(ClientHolder.delete("gone"));
    }

    @Test
    void global_config_is_merged_read_and_cleared() {
        ClientHolder.updateGlobal(Map.of("a", 1));
        ClientHolder.updateGlobal(Map.of("b", 2, "a", 3));
        assertEquals(Map.of("a", 3, "b", 2), ClientHolder.globalConfig());
        assertEquals(2, ClientHolder.global("b"));
        ClientHolder.clearGlobal();
        assertEquals(Map.of(), ClientHolder.globalConfig());
    }

    // ------------------------------------------------------------------ bootstrap from an INI file

    @Test
    void configure_loads_the_metlog_section_into_the_client_named_by_its_logger(@TempDir Path dir)
        throws Exception {
        MetlogClient early = ClientHolder.get("myapp");
        Path ini = dir.resolve("metlog.ini");
        Files.writeString(ini, "[metlog]\nlogger = myapp\nsender_class = " + CAPTURE + "\nglobal_answer = 42\n");
        Map<String, MetlogClient> clients = ClientHolder.configure(ini);
        assertEquals(Map.of("metlog", early), clients);
        assertInstanceOf(DebugCaptureSender.class, early.sender());
        assertEquals(Map.of("answer", 42), ClientHolder.globalConfig());
    }

    @Test
    void configure_names_a_client_without_logger_after_its_section(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[metlog]\nlogger = web\nsender_class = " + CAPTURE + "\n"
            + "[audit]\nsender_class = " + CAPTURE + "\n");
        Map<String, MetlogClient> clients = ClientHolder.configure(ini, "metlog", "audit");
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
        assertThrows(ConfigurationException.class, () -> ClientHolder.configure(ini, "metlog", "audit"));
        assertInstanceOf(NoSendSender.class, web.sender());
        assertTrue(ProbeSender.BUILT.get(0).closed());
        assertEquals(Map.of(), ClientHolder.globalConfig());
        assertNull(ClientHolder.peek("audit"));
    }

    @Test
    void configure_reports_a_missing_section(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[other]\na = 1\n");
        assertThrows(MissingSectionException.class, () -> ClientHolder.configure(ini));
    }

    @Test
    void configure_refuses_two_sections_for_one_client(@TempDir Path dir) throws Exception {
        Path ini = dir.resolve("app.ini");
        Files.writeString(ini, "[a]\nlogger = same\nsender_class = " + CAPTURE + "\n[b]\nlogger = same\n"
            + "sender_class = " + CAPTURE + "\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
            () -> ClientHolder.configure(ini, "a", "b"));
        assertEquals(ini + " [b]: client 'same' is also configured by another of the sections [a, b]",
            e.getMessage());
    }
}
