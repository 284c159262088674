package org.metlog.senders.zmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metlog.config.Components;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;
import org.metlog.spi.Sender;

class ZmqConfigTest {
    private static final String CONTEXT = "metlog.ini [metlog]";

    private static Options sender(Map<String, ?> values) {
        return Options.of(values, CONTEXT, "sender_");
    }

    private static void assertNames(InvalidOptionException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:5565", "tcp://localhost:1", "tcp://router-1.example.org:65535",
        "tcp://[::1]:5565", "tcp://[fe80::1]:5565", "ipc:///tmp/metlog.sock", "inproc://metlog"})
    void accepts_well_formed_endpoints(String endpoint) {
        assertEquals(endpoint, ZmqOptions.endpoint(" " + endpoint + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:5565", "tcp://127.0.0.1", "tcp://127.0.0.1:0", "tcp://127.0.0.1:65536",
        "tcp://127.0.0.1:port", "tcp://*:5565", "tcp://:5565", "udp://127.0.0.1:5565", "ipc://", "inproc://",
        "tcp://eth0;127.0.0.1:5565", "tcp://host name:5565", "inproc://a b"})
    void rejects_malformed_endpoints_naming_bindstrs(String endpoint) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () ->
            ZmqPubSender.fromConfig(sender(Map.of("bindstrs", List.of("tcp://127.0.0.1:5565", endpoint)))));
        assertNames(e, CONTEXT, "sender_bindstrs", endpoint, "tcp://HOST:PORT");
    }

    @Test
    void builds_the_pub_sender_from_strings_as_an_ini_file_gives_them() {
        ZmqPubSender sender = ZmqPubSender.fromConfig(sender(Map.of("bindstrs", "tcp://127.0.0.1:5565",
            "pool_size", "2", "queue_length", "50", "livecheck", "0.25", "debug_stderr", "false")));
        try (sender) {
            assertEquals(List.of("tcp://127.0.0.1:5565"), sender.bindstrs());
        }
    }

    @Test
    void builds_the_pub_sender_from_a_list_and_positional_args() {
        try (ZmqPubSender list = ZmqPubSender.fromConfig(sender(Map.of("bindstrs",
            List.of("tcp://127.0.0.1:5565", "tcp://[::1]:5566"), "pool_size", 1)))) {
            assertEquals(List.of("tcp://127.0.0.1:5565", "tcp://[::1]:5566"), list.bindstrs());
        }
        try (ZmqPubSender positional = ZmqPubSender.fromConfig(sender(Map.of()).withArgs(
            List.of("tcp://127.0.0.1:5565", 1, 10, "0.5", true)))) {
            assertEquals(List.of("tcp://127.0.0.1:5565"), positional.bindstrs());
        }
    }

    @Test
    void builds_both_senders_through_their_metlog_py_names() {
        Sender pub = Components.sender("metlog.senders.zmq.ZmqPubSender",
            sender(Map.of("bindstrs", "tcp://127.0.0.1:5565", "pool_size", 1)));
        try (pub) {
            assertInstanceOf(ZmqPubSender.class, pub);
        }
        Sender handshake = Components.sender("metlog.senders.ZmqHandshakePubSender",
            sender(Map.of("handshake_bind", "tcp://127.0.0.1:5566", "connect_bind", "tcp://127.0.0.1:5565",
                "handshake_timeout", "200", "pool_size", "1", "hwm", "100", "livecheck", "1", "debug_stderr", "no")));
        try (handshake) {
            assertInstanceOf(ZmqHandshakePubSender.class, handshake);
            assertEquals("tcp://127.0.0.1:5566", ((ZmqHandshakePubSender) handshake).handshakeBind());
        }
    }

    @Test
    void an_empty_or_missing_bindstrs_is_an_invalid_option() {
        assertNames(assertThrows(InvalidOptionException.class, () ->
            ZmqPubSender.fromConfig(sender(Map.of("bindstrs", List.of())))), "sender_bindstrs", "non-empty");
        assertNames(assertThrows(InvalidOptionException.class, () ->
            ZmqPubSender.fromConfig(sender(Map.of("pool_size", 2)))), "sender_bindstrs", "missing");
        assertNames(assertThrows(InvalidOptionException.class, () ->
            ZmqPubSender.fromConfig(sender(Map.of("bindstrs", "")))), "sender_bindstrs");
    }

    @Test
    void bad_numbers_and_flags_name_the_option_and_value() {
        Map<String, Object> base = Map.of("bindstrs", "tcp://127.0.0.1:5565");
        assertNames(invalidPub(base, "pool_size", "0"), "sender_pool_size", "'0'", "1 to 1024");
        assertNames(invalidPub(base, "queue_length", "many"), "sender_queue_length", "'many'");
        assertNames(invalidPub(base, "livecheck", "soon"), "sender_livecheck", "'soon'");
        assertNames(invalidPub(base, "livecheck", "0"), "sender_livecheck", "0.001 to 86400");
        assertNames(invalidPub(base, "livecheck", "-1"), "sender_livecheck");
        assertNames(invalidPub(base, "debug_stderr", "maybe"), "sender_debug_stderr", "'maybe'");
    }

    private static InvalidOptionException invalidPub(Map<String, Object> base, String key, Object value) {
        Map<String, Object> values = new HashMap<>(base);
        values.put(key, value);
        return assertThrows(InvalidOptionException.class, () -> ZmqPubSender.fromConfig(sender(values)));
    }

    @Test
    void bad_handshake_options_name_the_option_and_value() {
        Map<String, Object> base = Map.of("handshake_bind", "tcp://127.0.0.1:5566",
            "connect_bind", "tcp://127.0.0.1:5565", "handshake_timeout", "200");
        assertNames(invalidHandshake(base, "handshake_timeout", "fast"), "sender_handshake_timeout", "'fast'");
        assertNames(invalidHandshake(base, "handshake_timeout", "0"), "sender_handshake_timeout", "milliseconds");
        assertNames(invalidHandshake(base, "handshake_timeout", null), "sender_handshake_timeout", "missing");
        assertNames(invalidHandshake(base, "handshake_bind", "tcp://127.0.0.1:99999"), "sender_handshake_bind");
        assertNames(invalidHandshake(base, "connect_bind", List.of("tcp://127.0.0.1:1", "tcp://127.0.0.1:2")),
            "sender_connect_bind", "single endpoint");
        assertNames(invalidHandshake(base, "connect_bind", null), "sender_connect_bind", "missing");
        assertNames(invalidHandshake(base, "hwm", "-5"), "sender_hwm", "'-5'");
        assertNames(invalidHandshake(base, "pool_size", "lots"), "sender_pool_size", "'lots'");
    }

    private static InvalidOptionException invalidHandshake(Map<String, Object> base, String key, Object value) {
        Map<String, Object> values = new HashMap<>(base);
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return assertThrows(InvalidOptionException.class, () -> ZmqHandshakePubSender.fromConfig(sender(values)));
    }

    @Test
    void an_unknown_option_lists_the_accepted_ones() {
        UnknownOptionException e = assertThrows(UnknownOptionException.class, () ->
            Components.sender("metlog.senders.zmq.ZmqPubSender", sender(Map.of("bindstrs", "tcp://127.0.0.1:5565",
                "pool_size", 1, "queue_lenght", 5))));
        assertTrue(e.getMessage().contains("sender_queue_lenght") && e.getMessage().contains("sender_queue_length"),
            e.getMessage());
    }

    @Test
    void builders_reject_out_of_range_values_given_in_code() {
        assertThrows(IllegalArgumentException.class, () -> ZmqPubSender.builder(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ZmqPubSender.builder("tcp://nowhere"));
        assertThrows(IllegalArgumentException.class, () -> ZmqPubSender.builder("tcp://127.0.0.1:1").poolSize(0));
        assertThrows(IllegalArgumentException.class, () -> ZmqPubSender.builder("tcp://127.0.0.1:1")
            .livecheck(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ZmqHandshakePubSender.builder("tcp://127.0.0.1:1",
            "tcp://127.0.0.1:2", Duration.ZERO));
    }
}
