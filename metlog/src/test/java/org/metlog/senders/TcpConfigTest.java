package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.metlog.MetlogClient;
import org.metlog.config.Components;
import org.metlog.config.MetlogConfig;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;
import org.metlog.testing.Deadline;
import org.metlog.testing.Ports;
import org.metlog.testing.TcpLineServer;

/** {@link TcpSender} from configuration: its metlog-py style names, its options and their errors. */
class TcpConfigTest {
    private static final String CONTEXT = "metlog.ini [metlog]";

    private static Options sender(Map<String, ?> values) {
        return Options.of(values, CONTEXT, "sender_");
    }

    private static void assertNames(RuntimeException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"metlog.senders.TcpSender", "metlog.senders.tcp.TcpSender", "org.metlog.senders.TcpSender"})
    void builds_through_its_names(String name) {
        Sender built = Components.sender(name, sender(Map.of("host", "127.0.0.1", "port", "5565")));
        try (built) {
            assertInstanceOf(TcpSender.class, built);
            assertEquals("TcpSender(tcp://127.0.0.1:5565)", built.toString());
        }
    }

    @Test
    void an_ini_section_with_two_hosts_fails_over_to_the_second_and_takes_every_option() throws Exception {
        int refused = Ports.freeTcp();
        try (TcpLineServer server = TcpLineServer.start()) {
            String ini = "[metlog]\nlogger = app\nsender_class = metlog.senders.TcpSender\n"
                + "sender_hosts = 127.0.0.1:" + refused + ", 127.0.0.1:" + server.port() + "\n"
                + "sender_queue_length = 100\nsender_connect_timeout_ms = 2000\nsender_write_timeout_ms = 3000\n"
                + "sender_close_timeout_ms = 4000\nsender_reconnect_min_ms = 10\nsender_reconnect_max_ms = 50\n"
                + "sender_send_buffer_bytes = 65536\nsender_tls = false\n";
            MetlogClient client = MetlogConfig.clientFromText(ini, "metlog");
            try {
                client.incr("logins");
                assertTrue(server.await(1, TcpSenderTest.WAIT));
                assertTrue(server.lines().get(0).contains("\"logins\""), () -> server.lines().toString());
            } finally {
                client.close();
            }
            assertTrue(Deadline.await(TcpSenderTest.WAIT, () -> server.ended() == 1));
        }
    }

    @Test
    void hosts_keep_their_order_and_accept_names_and_bracketed_ipv6() {
        try (TcpSender s = TcpSender.fromConfig(sender(Map.of("hosts",
            List.of("collector-1.example:5565", "[::1]:5566", "10.0.0.7:5567"))))) {
            assertEquals(List.of("collector-1.example:5565", "[::1]:5566", "10.0.0.7:5567"), s.hosts());
        }
        try (TcpSender positional = TcpSender.fromConfig(sender(Map.of()).withArgs(List.of("127.0.0.1", 5565)))) {
            assertEquals(List.of("127.0.0.1:5565"), positional.hosts());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hosts|127.0.0.1|HOST:PORT",
        "hosts|::1:5565|brackets",
        "hosts|127.0.0.1:http|not a number",
        "hosts|127.0.0.1:70000|out of range",
        "hosts|bad host:1|not a host name",
        "queue_length|0|1 to",
        "connect_timeout_ms|0|1 to",
        "write_timeout_ms|-5|1 to",
        "close_timeout_ms|-1|0 to",
        "reconnect_min_ms|soon|integer",
        "send_buffer_bytes|-1|0 to",
        "tls|maybe|boolean"})
    void a_bad_option_fails_naming_the_key_the_value_and_what_was_expected(String key, String value, String expected) {
        Map<String, Object> values = new HashMap<>(Map.of(key, value));
        if (!key.equals("hosts")) {
            values.put("hosts", "127.0.0.1:5565");
        }
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> TcpSender.fromConfig(sender(values)).close());
        assertNames(e, CONTEXT, "sender_" + key, value, expected);
    }

    @Test
    void the_options_that_only_make_sense_together_fail_naming_the_one_that_does_not_fit() {
        assertNames(assertThrows(InvalidOptionException.class, () -> TcpSender.fromConfig(sender(Map.of()))),
            "sender_host", "hosts");
        assertNames(assertThrows(InvalidOptionException.class, () -> TcpSender.fromConfig(sender(Map.of(
            "host", "127.0.0.1")))), "sender_port");
        assertNames(assertThrows(InvalidOptionException.class, () -> TcpSender.fromConfig(sender(Map.of(
            "host", "127.0.0.1", "port", 1, "hosts", "127.0.0.1:2")))), "sender_hosts", "not both");
        assertNames(assertThrows(InvalidOptionException.class, () -> TcpSender.fromConfig(sender(Map.of(
            "hosts", "127.0.0.1:1", "reconnect_min_ms", 500, "reconnect_max_ms", 100)))), "sender_reconnect_max_ms",
            "at least reconnect_min_ms (500)");
        assertNames(assertThrows(InvalidOptionException.class, () -> TcpSender.fromConfig(sender(Map.of(
            "hosts", "127.0.0.1:1", "tls_truststore", "/nonexistent/trust.p12")))), "sender_tls_truststore",
            "tls = true");
        assertNames(assertThrows(InvalidOptionException.class, () -> TcpSender.fromConfig(sender(Map.of(
            "hosts", "127.0.0.1:1", "tls", "true", "tls_truststore", "/nonexistent/trust.p12")))),
            "sender_tls_truststore", "/nonexistent/trust.p12", "PKCS#12");
        InvalidOptionException password = assertThrows(InvalidOptionException.class, () -> TcpSender.fromConfig(
            sender(Map.of("hosts", "127.0.0.1:1", "tls_truststore_password", "s3cret"))));
        assertNames(password, "sender_tls_truststore_password", "without tls_truststore");
        assertTrue(!password.getMessage().contains("s3cret"), "a password is never quoted");
    }
}
