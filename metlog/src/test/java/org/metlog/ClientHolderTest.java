package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.senders.NoSendSender;
import org.metlog.testing.Race;

/** The process-wide registry of named clients and its global configuration; configuration is tested in config. */
class ClientHolderTest {
    private static final int THREADS = 16;

    @BeforeEach
    @AfterEach
    void reset() {
        ClientHolder.clear();
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
        List<MetlogClient> clients = Race.run(THREADS, () -> ClientHolder.get("raced"));
        assertEquals(THREADS, clients.size());
        assertEquals(1, Race.identities(clients).size());
        assertSame(clients.get(0), ClientHolder.get("raced"));
    }

    // ------------------------------------------------------------------ default, set, remove, global

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
    void removing_the_default_client_clears_the_default() {
        MetlogClient client = ClientHolder.get("gone");
        assertSame(client, ClientHolder.remove("gone"));
        assertNull(ClientHolder.defaultName());
        assertNull(ClientHolder.peek("gone"));
        assertEquals(Set.of(), ClientHolder.names());
        assertNull(ClientHolder.remove("gone"));
    }

    @Test
    void global_config_is_merged_read_and_cleared() {
        ClientHolder.global().merge(Map.of("a", 1));
        ClientHolder.global().merge(Map.of("b", 2, "a", 3));
        assertEquals(Map.of("a", 3, "b", 2), ClientHolder.global().snapshot());
        assertEquals(2, ClientHolder.global().get("b"));
        ClientHolder.global().clear();
        assertEquals(Map.of(), ClientHolder.global().snapshot());
    }

    // ------------------------------------------------------------------ the registry and its global store

    @Test
    void the_holders_statics_and_its_registry_are_one_store() {
        ClientRegistry registry = ClientHolder.registry();
        assertSame(registry, ClientHolder.registry());
        MetlogClient client = registry.getOrCreate("shared");
        assertSame(client, ClientHolder.get("shared"));
        assertSame(client, registry.peek("shared"));
        assertSame(ClientHolder.global(), registry.global());
        assertNull(registry.peek("absent"));
        assertEquals(Set.of("shared"), ClientHolder.names(), "peek must not create a client");
    }

    @Test
    void sixteen_threads_racing_for_many_new_names_in_a_fresh_registry_get_one_client_per_name() {
        ClientMap registry = new ClientMap();
        List<List<MetlogClient>> perThread = Race.run(THREADS, () -> {
            List<MetlogClient> got = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                got.add(registry.getOrCreate("name-" + i));
            }
            return got;
        });
        for (int i = 0; i < 200; i++) {
            List<MetlogClient> forName = new ArrayList<>();
            for (List<MetlogClient> got : perThread) {
                forName.add(got.get(i));
            }
            assertEquals(1, Race.identities(forName).size(), "name-" + i);
            assertSame(forName.get(0), registry.peek("name-" + i));
        }
        assertEquals(200, registry.names().size());
        assertTrue(registry.names().contains(registry.defaultName()), "the first name created became the default");
        assertNull(ClientHolder.peek("name-0"), "a fresh registry is not the process one");
    }

    @Test
    void clear_forgets_clients_default_global_values_and_configured_methods() {
        MetlogClient client = ClientHolder.get("a");
        ClientHolder.global().merge(Map.of("k", 1));
        ClientHolder.registry().recordConfiguredMethods(client, Set.of("m"));
        ClientHolder.clear();
        assertEquals(Set.of(), ClientHolder.names());
        assertNull(ClientHolder.defaultName());
        assertEquals(Map.of(), ClientHolder.global().snapshot());
        assertEquals(Set.of(), ClientHolder.registry().configuredMethods(client));
    }

    @Test
    void the_record_of_configured_methods_is_per_client_and_an_empty_set_forgets_it() {
        ClientMap registry = new ClientMap();
        MetlogClient one = registry.getOrCreate("one");
        MetlogClient two = registry.getOrCreate("two");
        registry.recordConfiguredMethods(one, Set.of("a", "b"));
        assertEquals(Set.of("a", "b"), registry.configuredMethods(one));
        assertEquals(Set.of(), registry.configuredMethods(two));
        registry.recordConfiguredMethods(one, Set.of());
        assertEquals(Set.of(), registry.configuredMethods(one));
    }

    @Test
    void global_config_replace_swaps_every_value_and_snapshots_do_not_change_afterwards() {
        GlobalConfig global = new GlobalConfig();
        global.merge(Map.of("old", 1, "shared", 1));
        Map<String, Object> before = global.snapshot();
        global.replace(Map.of("shared", 2));
        assertEquals(Map.of("shared", 2), global.snapshot());
        assertEquals(Map.of("old", 1, "shared", 1), before);
        assertNull(global.get("old"));
        assertThrows(UnsupportedOperationException.class, () -> before.put("x", 1));
    }

    @Test
    void a_global_config_keeps_the_order_keys_were_first_set() {
        GlobalConfig global = new GlobalConfig();
        global.merge(Map.of("z", 1));
        global.merge(Map.of("a", 2));
        global.merge(Map.of("z", 3));
        assertEquals(List.of("z", "a"), List.copyOf(global.snapshot().keySet()));
    }
}
