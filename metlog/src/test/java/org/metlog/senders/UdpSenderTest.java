package org.metlog.senders;
import org.metlog.spi.Sender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.config.Components;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.UnknownOptionException;
import org.metlog.testing.MetlogThreads;
import org.metlog.testing.StdCapture;
import org.metlog.testing.UdpReceiver;

class UdpSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String UNICODE = "日本語のテキスト 🎉🚀 bukanýrka";

    private static Message unicodeMessage() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("city", "東京");
        fields.put("emoji", "👍");
        fields.put("word", "bukanýrka");
        return Message.builder("udp.test").logger("unicode").payload(UNICODE).fields(fields).build();
    }

    /** @return a copy of the wire bytes {@link Message#encodeJson()} writes into the thread's buffer */
    private static byte[] wireBytes(Message message) {
        ByteBuffer view = message.encodeJson();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static Set<String> hosts(UdpSender sender) {
        Set<String> out = new HashSet<>();
        for (InetSocketAddress a : sender.destinations()) {
            out.add(a.getHostString() + ":" + a.getPort());
        }
        return out;
    }

    @Test
    void every_destination_receives_the_envelope_intact_including_unicode() {
        try (UdpReceiver a = UdpReceiver.ipv4(); UdpReceiver b = UdpReceiver.ipv4();
             UdpSender sender = UdpSender.create(List.of("127.0.0.1", "127.0.0.1"), List.of(a.port(), b.port()))) {
            Message message = unicodeMessage();
            byte[] expected = wireBytes(message);
            sender.send(message);
            assertArrayEquals(expected, a.receive(WAIT));
            assertArrayEquals(expected, b.receive(WAIT));
            Map<String, Object> decoded = message.toMap();
            assertEquals(UNICODE, decoded.get("payload"));
            assertEquals(new DeliveryStats(1, 0, 0, 0, 0), sender.stats());
        }
    }

    @Test
    void ipv6_and_ipv4_destinations_both_receive_the_envelope() {
        UdpReceiver six = UdpReceiver.ipv6OrNull();
        assumeTrue(six != null, "this machine has no IPv6 loopback (::1)");
        try (six; UdpReceiver four = UdpReceiver.ipv4();
             UdpSender sender = UdpSender.create(List.of("::1", "127.0.0.1", "[::1]"),
                 List.of(six.port(), four.port(), six.port()))) {
            Message message = unicodeMessage();
            byte[] expected = wireBytes(message);
            sender.send(message);
            assertArrayEquals(expected, four.receive(WAIT));
            assertArrayEquals(expected, six.receive(WAIT));
            assertArrayEquals(expected, six.receive(WAIT), "the bracketed form is the same destination");
            assertEquals(1, sender.stats().sent());
        }
    }

    @Test
    void a_host_name_is_resolved_and_receives_the_envelope() {
        try (UdpReceiver r = UdpReceiver.ipv4();
             UdpSender sender = UdpSender.to("localhost", r.port())) {
            assumeTrue(sender.awaitConnection(WAIT), "localhost does not resolve here");
            InetAddress resolved;
            try {
                resolved = InetAddress.getByName("localhost");
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
            assumeTrue(resolved.getHostAddress().equals("127.0.0.1"), "localhost is not 127.0.0.1 here");
            sender.send(unicodeMessage());
            assertEquals(UNICODE, r.receiveJson(WAIT).get("payload"));
        }
    }

    @Test
    void two_hosts_and_one_port_send_to_that_port_on_both_hosts() {
        try (UdpReceiver r = UdpReceiver.ipv4();
             UdpSender sender = UdpSender.create(List.of("127.0.0.1", "127.0.0.1"), List.of(r.port()))) {
            assertEquals(List.of(InetSocketAddress.createUnresolved("127.0.0.1", r.port()),
                InetSocketAddress.createUnresolved("127.0.0.1", r.port())), sender.destinations());
            sender.send(unicodeMessage());
            assertNotNull(r.receive(WAIT));
            assertNotNull(r.receive(WAIT), "the second host reuses the last port");
        }
    }

    @Test
    void one_host_and_two_ports_use_only_the_first_port() {
        try (UdpReceiver first = UdpReceiver.ipv4(); UdpReceiver ignored = UdpReceiver.ipv4();
             UdpSender sender = UdpSender.create(List.of("127.0.0.1"), List.of(first.port(), ignored.port()))) {
            assertEquals(Set.of("127.0.0.1:" + first.port()), hosts(sender));
            sender.send(unicodeMessage());
            assertNotNull(first.receive(WAIT));
            assertNull(ignored.receive(QUIET), "extra ports are ignored");
        }
    }

    @Test
    void lists_of_equal_length_are_paired_in_order() {
        try (UdpReceiver a = UdpReceiver.ipv4(); UdpReceiver b = UdpReceiver.ipv4();
             UdpSender sender = UdpSender.create(List.of("127.0.0.1", "127.0.0.1"), List.of(a.port(), b.port()))) {
            assertEquals(List.of("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port()),
                sender.destinations().stream().map(d -> d.getHostString() + ":" + d.getPort()).toList());
            sender.send(unicodeMessage());
            assertNotNull(a.receive(WAIT));
            assertNotNull(b.receive(WAIT));
            assertNull(a.receive(QUIET), "each destination gets the message once");
        }
    }

    @Test
    void zipping_repeats_the_last_port_for_extra_hosts_and_ignores_extra_ports() {
        assertEquals(List.of(new UdpSender.HostPort("a", 1), new UdpSender.HostPort("b", 2),
                new UdpSender.HostPort("c", 2)),
            UdpSender.zip(List.of("a", "b", "c"), List.of(1, 2)));
        assertEquals(List.of(new UdpSender.HostPort("a", 1)), UdpSender.zip(List.of("a"), List.of(1, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> UdpSender.zip(List.of(), List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> UdpSender.zip(List.of("a"), List.of()));
    }

    @Test
    void an_envelope_of_exactly_the_datagram_limit_is_sent_intact() {
        Message probe = Message.builder("udp.limit").payload("").build();
        int base = wireBytes(probe).length;
        Message message = Message.builder("udp.limit").timestampMicros(probe.timestampMicros())
            .hostname(probe.hostname()).pid(probe.pid()).payload("x".repeat(UdpSender.MAX_PAYLOAD_BYTES - base))
            .build();
        byte[] expected = wireBytes(message);
        assertEquals(UdpSender.MAX_PAYLOAD_BYTES, expected.length);
        try (UdpReceiver r = UdpReceiver.ipv4(); UdpSender sender = UdpSender.to("127.0.0.1", r.port())) {
            sender.send(message);
            assertArrayEquals(expected, r.receive(WAIT));
            assertEquals(1, sender.stats().sent());
        }
    }

    @Test
    void a_larger_envelope_arrives_with_its_payload_truncated_and_marked_and_is_counted() {
        String payload = ("0123456789 日本語 🎉 \"quoted\" \\ \n").repeat(4000);
        int payloadBytes = payload.getBytes(StandardCharsets.UTF_8).length;
        Message message = Message.builder("udp.big").logger("big").payload(payload)
            .fields(Map.of("kept", "bukanýrka")).build();
        assertTrue(wireBytes(message).length > UdpSender.MAX_PAYLOAD_BYTES);
        try (StdCapture err = StdCapture.stderr(); UdpReceiver r = UdpReceiver.ipv4();
             UdpSender sender = UdpSender.to("127.0.0.1", r.port())) {
            sender.send(message);
            byte[] datagram = r.receive(WAIT);
            assertNotNull(datagram);
            assertTrue(datagram.length <= UdpSender.MAX_PAYLOAD_BYTES, "datagram of " + datagram.length);
            Map<String, Object> got = UdpReceiver.json(datagram);
            String truncated = (String) got.get("payload");
            String marker = UdpSender.TRUNCATION_MARKER + payloadBytes + " bytes]";
            assertTrue(truncated.endsWith(marker), truncated.substring(Math.max(0, truncated.length() - 80)));
            String kept = truncated.substring(0, truncated.length() - marker.length());
            assertTrue(payload.startsWith(kept) && kept.length() > 10_000, "kept " + kept.length() + " chars");
            assertEquals(Map.of("kept", "bukanýrka"), got.get("fields"));
            assertEquals("big", got.get("logger"));
            assertEquals(new DeliveryStats(0, 0, 0, 1, 0), sender.stats());
            assertEquals(payload, message.payload(), "the caller's message is left as it was");
            assertTrue(err.diagnostics().stream().anyMatch(l -> l.contains("truncated")), err.text());
        }
    }

    @Test
    void an_envelope_whose_fields_alone_exceed_the_limit_is_dropped_counted_and_reported_not_printed() {
        Message message = Message.builder("udp.huge").payload("p").fields(Map.of("blob", "y".repeat(70_000)))
            .build();
        try (StdCapture err = StdCapture.stderr(); UdpReceiver r = UdpReceiver.ipv4();
             UdpSender sender = UdpSender.to("127.0.0.1", r.port())) {
            sender.send(message);
            assertNull(r.receive(QUIET));
            assertEquals(List.of(), err.jsonLines(), "only the error handler writes to stderr");
            assertEquals(1, err.count("larger than a UDP datagram carries; it was dropped"), err.text());
            assertEquals(new DeliveryStats(0, 0, 0, 1, 0), sender.stats());
        }
    }

    @Test
    void an_unresolvable_host_neither_throws_nor_stops_the_other_destinations() {
        assumeFalse(resolves("no-such-host.invalid"), "this resolver answers for .invalid names");
        Set<Thread> before = MetlogThreads.live();
        try (StdCapture err = StdCapture.stderr(); UdpReceiver r = UdpReceiver.ipv4()) {
            UdpSender sender = UdpSender.builder().hosts(List.of("127.0.0.1", "no-such-host.invalid"))
                .ports(List.of(r.port())).resolveRetry(Duration.ofMillis(200)).build();
            try (sender) {
                Message message = unicodeMessage();
                sender.send(message);
                assertNotNull(r.receive(WAIT), "the resolvable destination still gets the message");
                assertFalse(sender.awaitConnection(Duration.ofMillis(300)));
                assertEquals(new DeliveryStats(0, 0, 0, 0, 1), sender.stats());
                assertEquals(List.of(), err.jsonLines(), "only the error handler writes to stderr");
                assertEquals(1, err.count("host name is not resolved (yet)"), err.text());
                // building no longer waits for the first lookup: wait (bounded) for its report
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (err.diagnostics().stream().noneMatch(l -> l.contains("cannot resolve host"))
                    && System.nanoTime() - deadline < 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
                }
                assertTrue(err.diagnostics().stream().anyMatch(l -> l.contains("cannot resolve host")
                    && l.contains("no-such-host.invalid")), err.text());
                MetlogThreads.assertNewOnesAreDaemons(before);
            }
        }
        MetlogThreads.awaitNoneBut(before, WAIT);
    }

    /** @return true if the JVM's resolver answers for {@code host} (some resolvers answer even for .invalid) */
    static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Test
    void sending_never_blocks_the_caller_even_from_many_threads() throws Exception {
        int threads = 4;
        int each = 50;
        try (UdpReceiver r = UdpReceiver.ipv4(); UdpSender sender = UdpSender.to("127.0.0.1", r.port())) {
            assertTimeoutPreemptively(WAIT, () -> {
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    Thread w = new Thread(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        for (int i = 0; i < each; i++) {
                            sender.send(Message.builder("udp.load").payload(id + ":" + i).build());
                        }
                    });
                    w.start();
                    workers.add(w);
                }
                go.countDown();
                for (Thread w : workers) {
                    w.join();
                }
            });
            Set<String> got = new HashSet<>();
            for (int i = 0; i < threads * each; i++) {
                Map<String, Object> m = r.receiveJson(WAIT);
                assertNotNull(m, "received only " + got.size());
                got.add((String) m.get("payload"));
            }
            assertEquals(threads * each, got.size());
            assertEquals(threads * each, sender.stats().sent());
        }
    }

    @Test
    void builds_from_configuration_strings() {
        UdpSender sender = UdpSender.fromConfig(Options.of(Map.of("host", "127.0.0.1", "port", "5565")));
        try (sender) {
            assertEquals(List.of(InetSocketAddress.createUnresolved("127.0.0.1", 5565)), sender.destinations());
        }
    }

    @Test
    void builds_from_configuration_lists_and_positional_args() {
        try (UdpSender lists = UdpSender.fromConfig(Options.of(Map.of("host", List.of("127.0.0.1", "::1"),
            "port", List.of(5565, "5566"))))) {
            assertEquals(List.of("127.0.0.1:5565", "::1:5566"), lists.destinations().stream()
                .map(d -> d.getHostString() + ":" + d.getPort()).toList());
        }
        try (UdpSender positional = UdpSender.fromConfig(Options.of(Map.of()).withArgs(List.of("127.0.0.1",
            5567)))) {
            assertEquals(List.of(InetSocketAddress.createUnresolved("127.0.0.1", 5567)), positional.destinations());
        }
    }

    @Test
    void builds_through_the_metlog_py_class_names() {
        Sender sender = Components.sender("metlog.senders.udp.UdpSender",
            Options.of(Map.of("host", "127.0.0.1", "port", 5565), "test.ini [metlog]", "sender_"));
        try (sender) {
            assertInstanceOf(UdpSender.class, sender);
        }
    }

    @Test
    void bad_configuration_names_the_option_and_value() {
        InvalidOptionException port = assertThrows(InvalidOptionException.class, () ->
            UdpSender.fromConfig(Options.of(Map.of("host", "127.0.0.1", "port", "70000"), "test.ini [metlog]",
                "sender_")));
        assertTrue(port.getMessage().contains("sender_port") && port.getMessage().contains("70000")
            && port.getMessage().contains("1 to 65535"), port.getMessage());
        InvalidOptionException word = assertThrows(InvalidOptionException.class, () ->
            UdpSender.fromConfig(Options.of(Map.of("host", "127.0.0.1", "port", "http"))));
        assertTrue(word.getMessage().contains("'http'"), word.getMessage());
        InvalidOptionException noHost = assertThrows(InvalidOptionException.class, () ->
            UdpSender.fromConfig(Options.of(Map.of("port", 5565))));
        assertTrue(noHost.getMessage().contains("host"), noHost.getMessage());
        InvalidOptionException badHost = assertThrows(InvalidOptionException.class, () ->
            UdpSender.fromConfig(Options.of(Map.of("host", List.of("127.0.0.1", "bad host!"), "port", 5565))));
        assertTrue(badHost.getMessage().contains("bad host!"), badHost.getMessage());
        InvalidOptionException badIp = assertThrows(InvalidOptionException.class, () ->
            UdpSender.fromConfig(Options.of(Map.of("host", "300.1.2.3", "port", 5565))));
        assertTrue(badIp.getMessage().contains("300.1.2.3"), badIp.getMessage());
        assertThrows(InvalidOptionException.class, () ->
            UdpSender.fromConfig(Options.of(Map.of("host", List.of(), "port", 5565))));
        UnknownOptionException typo = assertThrows(UnknownOptionException.class, () ->
            Components.sender("metlog.senders.UdpSender", Options.of(Map.of("host", "127.0.0.1", "port", 5565,
                "prot", 1))));
        assertTrue(typo.getMessage().contains("prot"), typo.getMessage());
    }

    @Test
    void close_stops_the_resolver_thread_and_later_messages_are_counted_as_failed_and_reported() {
        Set<Thread> before = MetlogThreads.live();
        try (StdCapture err = StdCapture.stderr(); UdpReceiver r = UdpReceiver.ipv4()) {
            UdpSender sender = UdpSender.to("localhost", r.port());
            assertTrue(MetlogThreads.live().stream().anyMatch(t -> t.getName().equals("metlog-udp-resolver")));
            sender.close();
            MetlogThreads.awaitNoneBut(before, WAIT);
            sender.send(unicodeMessage());
            assertNull(r.receive(QUIET));
            assertEquals(List.of(), err.jsonLines(), "only the error handler writes to stderr");
            assertEquals(1, err.count("a message was sent after close()"), err.text());
            assertEquals(1, sender.stats().failed());
        }
    }
}
