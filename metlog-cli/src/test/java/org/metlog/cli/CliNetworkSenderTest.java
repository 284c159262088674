package org.metlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.MetlogClient;
import org.metlog.spi.Sender;
import org.metlog.senders.AsyncSender;
import org.metlog.senders.RouterSender;
import org.metlog.testing.UdpReceiver;
import org.metlog.senders.UdpSender;
import org.metlog.testing.ZmqBackend;
import org.metlog.testing.ZmqSubscriber;
import org.metlog.senders.zmq.ZmqHandshakePubSender;
import org.metlog.senders.zmq.ZmqPubSender;
import org.metlog.testing.Ports;
import org.metlog.testing.StdCapture;

/**
 * Runs {@code metlog send} and {@code metlog demo} against real routers. The client the CLI would read from
 * {@code --config} is built in code instead, and handed to the CLI at the point where it loads the file, so the
 * rest of the CLI's path (waiting for the connection, sending, closing with linger) is the real one.
 */
class CliNetworkSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> loaded = new ArrayList<>();

    private int run(Sender sender, String... args) {
        BiFunction<Path, String, MetlogClient> loader = (file, section) -> {
            loaded.add(file + " [" + section + "]");
            return MetlogClient.builder().sender(sender).logger("cli-test").build();
        };
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), loader, Duration.ofSeconds(10)).run(args);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void send_with_a_zeromq_sender_waits_for_the_subscriber_and_delivers_before_exiting() {
        try (ZmqSubscriber sub = ZmqSubscriber.bind(1000)) {
            ZmqPubSender sender = ZmqPubSender.builder(sub.endpoint()).poolSize(2).build();
            int status = run(sender, "send", "--config", "metlog.ini", "--type", "cli.test", "--payload",
                "héllo 日本 🎉", "--field", "k=v");
            assertEquals(0, status, errText());
            assertEquals(List.of("metlog.ini [metlog]"), loaded);
            Map<String, Object> got = sub.receiveJson(WAIT);
            assertNotNull(got, "the one message of the run arrived without any retry: " + errText());
            assertEquals("cli.test", got.get("type"));
            assertEquals("héllo 日本 🎉", got.get("payload"));
            assertEquals(Map.of("k", "v"), got.get("fields"));
            assertEquals(1, sender.stats().sent());
            assertEquals("", errText());
        }
    }

    @Test
    void demo_with_a_handshake_sender_delivers_every_demo_message_and_nothing_goes_to_stderr() {
        String handshake = "tcp://127.0.0.1:" + Ports.freeTcp();
        String publish = "tcp://127.0.0.1:" + Ports.freeTcp();
        try (StdCapture stderr = StdCapture.stderr(); ZmqBackend backend = ZmqBackend.start(handshake, publish)) {
            ZmqHandshakePubSender sender = ZmqHandshakePubSender.builder(handshake, publish, Duration.ofMillis(500))
                .poolSize(2).build();
            int status = run(sender, "demo", "--config", "metlog.ini", "--section", "metlog_cli");
            assertEquals(0, status, errText());
            assertEquals(List.of("metlog.ini [metlog_cli]"), loaded);
            Set<String> types = new HashSet<>();
            int count = 0;
            for (Map<String, Object> m = backend.subscriber.receiveJson(WAIT); m != null;
                 m = backend.subscriber.receiveJson(Duration.ofSeconds(1))) {
                types.add((String) m.get("type"));
                count++;
            }
            assertEquals(sender.stats().sent(), count, "every message the demo sent arrived");
            assertTrue(types.containsAll(Set.of("oldstyle", "counter", "timer", "demo.custom")), types.toString());
            assertEquals(0, sender.stats().dropped(), sender.stats().toString());
            assertTrue(stderr.jsonLines().isEmpty(), stderr.text());
            assertTrue(errText().lines().allMatch(line -> line.startsWith("demo: ")), "only the summary: " + errText());
            assertTrue(errText().contains("demo: sent 10 messages to " + sender), errText());
            assertTrue(errText().contains("demo: delivered: sent=10 filtered=0"), errText());
        }
    }

    @Test
    void send_with_a_udp_sender_delivers() {
        try (UdpReceiver receiver = UdpReceiver.ipv4()) {
            UdpSender sender = UdpSender.to("127.0.0.1", receiver.port());
            assertEquals(0, run(sender, "send", "--config", "metlog.ini", "--type", "cli.udp"), errText());
            Map<String, Object> got = receiver.receiveJson(WAIT);
            assertNotNull(got);
            assertEquals("cli.udp", got.get("type"));
        }
    }

    @Test
    void send_without_a_router_says_it_did_not_connect_and_what_was_not_delivered() {
        String nobody = "tcp://127.0.0.1:" + Ports.freeTcp();
        ZmqPubSender sender = ZmqPubSender.builder(nobody).poolSize(1).build();
        BiFunction<Path, String, MetlogClient> loader = (file, section) ->
            MetlogClient.builder().sender(sender).logger("cli-test").build();
        int status;
        try (StdCapture stderr = StdCapture.stderr()) {
            status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), loader, Duration.ofMillis(300))
                .run("send", "--config", "metlog.ini", "--type", "cli.lost");
            assertTrue(stderr.text().contains("no subscriber"), stderr.text());
        }
        assertEquals(1, status, "nothing could be delivered");
        String text = errText();
        assertTrue(text.contains("is not connected after 300 ms; sending anyway"), text);
        assertTrue(text.contains("1 of 1 messages were not delivered"), text);
    }

    @TempDir
    Path dir;

    /**
     * A ZeroMQ sender whose subscriber binds only after the sender has tried to connect, so that ZeroMQ connects
     * at its next reconnect (100 ms later): a CLI that does not wait sends before anybody listens.
     */
    private static ZmqPubSender lateSubscribed(String endpoint) {
        return ZmqPubSender.builder(endpoint).poolSize(2).build();
    }

    @Test
    void send_through_an_asynchronous_zeromq_sender_still_waits_for_the_subscriber() {
        String endpoint = "tcp://127.0.0.1:" + Ports.freeTcp();
        ZmqPubSender zmq = lateSubscribed(endpoint);
        try (ZmqSubscriber sub = ZmqSubscriber.bindTo(endpoint, WAIT)) {
            AsyncSender sender = AsyncSender.builder(zmq).shutdownHook(false).build();
            assertEquals(0, run(sender, "send", "--config", "metlog.ini", "--type", "cli.async"), errText());
            Map<String, Object> got = sub.receiveJson(WAIT);
            assertNotNull(got, "the wait went through the asynchronous wrapper to ZeroMQ: " + errText());
            assertEquals("cli.async", got.get("type"));
            assertEquals(1, zmq.stats().sent(), zmq.stats().toString());
            assertEquals("", errText());
        }
    }

    @Test
    void send_through_a_router_around_a_zeromq_sender_still_waits_for_the_subscriber() {
        String endpoint = "tcp://127.0.0.1:" + Ports.freeTcp();
        ZmqPubSender zmq = lateSubscribed(endpoint);
        try (ZmqSubscriber sub = ZmqSubscriber.bindTo(endpoint, WAIT)) {
            RouterSender sender = RouterSender.builder().sender("zmq", zmq).route(RouterSender.ANY_TYPE, "zmq")
                .build();
            assertEquals(0, run(sender, "send", "--config", "metlog.ini", "--type", "cli.routed"), errText());
            Map<String, Object> got = sub.receiveJson(WAIT);
            assertNotNull(got, "the wait went through the router to ZeroMQ: " + errText());
            assertEquals("cli.routed", got.get("type"));
            assertEquals(1, zmq.stats().sent(), zmq.stats().toString());
            assertEquals("", errText());
        }
    }

    @Test
    void send_waits_for_a_sender_behind_a_router_behind_an_asynchronous_sender_with_the_clis_bound() {
        List<Duration> asked = new ArrayList<>();
        Sender slowToConnect = new Sender() {
            @Override
            public void send(org.metlog.message.Message message) {
            }

            @Override
            public boolean awaitConnection(Duration max) {
                asked.add(max);
                return true;
            }
        };
        Sender sender = AsyncSender.builder(RouterSender.builder().sender("only", slowToConnect)
            .route(RouterSender.ANY_TYPE, "only").build()).shutdownHook(false).build();
        assertEquals(0, run(sender, "send", "--config", "metlog.ini", "--type", "cli.fake"), errText());
        assertEquals(1, asked.size(), "the CLI's wait reached the innermost sender once");
        assertTrue(asked.get(0).compareTo(Duration.ofSeconds(10)) <= 0 && asked.get(0).toMillis() > 0,
            asked.toString());
        assertEquals("", errText());
    }

    @Test
    void send_with_sender_async_true_in_the_ini_file_still_waits_for_the_subscriber() throws Exception {
        try (ZmqSubscriber sub = ZmqSubscriber.bind(1000)) {
            Path ini = dir.resolve("metlog.ini");
            Files.writeString(ini, "[metlog]\nlogger = cli-async\n"
                + "sender_class = metlog.senders.zmq.ZmqPubSender\n"
                + "sender_bindstrs = " + sub.endpoint() + "\n"
                + "sender_async = true\nsender_async_shutdown_hook = false\n");
            int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CliConfig::load, Duration.ofSeconds(10))
                .run("send", "--config", ini.toString(), "--type", "cli.ini.async");
            assertEquals(0, status, errText());
            Map<String, Object> got = sub.receiveJson(WAIT);
            assertNotNull(got, "the configured asynchronous sender forwarded the CLI's wait: " + errText());
            assertEquals("cli.ini.async", got.get("type"));
            assertEquals("", errText());
        }
    }

    @Test
    void send_through_an_asynchronous_sender_without_a_router_reports_what_the_delegate_lost() {
        String nobody = "tcp://127.0.0.1:" + Ports.freeTcp();
        AsyncSender sender = AsyncSender.builder(ZmqPubSender.builder(nobody).poolSize(1).build())
            .shutdownHook(false).build();
        BiFunction<Path, String, MetlogClient> loader = (file, section) ->
            MetlogClient.builder().sender(sender).logger("cli-test").build();
        try (StdCapture stderr = StdCapture.stderr()) {
            assertEquals(1, new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), loader, Duration.ofMillis(300))
                .run("send", "--config", "metlog.ini", "--type", "cli.lost"));
        }
        String text = errText();
        assertTrue(text.contains("is not connected after 300 ms; sending anyway"), text);
        assertTrue(text.contains("1 of 1 messages were not delivered by AsyncSender(capacity="), text);
    }

    /** A sender that takes every {@code n}th message and refuses the others, counting both. */
    private static Sender refusingAllBut(int every) {
        return new Sender() {
            private final org.metlog.spi.DeliveryCounters counters = new org.metlog.spi.DeliveryCounters();
            private int seen;

            @Override
            public synchronized void send(org.metlog.message.Message message) throws java.io.IOException {
                if (++seen % every != 0) {
                    counters.failed();
                    throw new java.io.IOException("refused on purpose");
                }
                counters.sent();
            }

            @Override
            public org.metlog.message.DeliveryStats stats() {
                return counters.snapshot();
            }
        };
    }

    @Test
    void send_that_the_sender_refuses_exits_1_and_says_what_was_not_delivered() {
        try (StdCapture stderr = StdCapture.stderr()) {
            assertEquals(1, run(refusingAllBut(Integer.MAX_VALUE), "send", "--config", "m.ini", "--type", "lost"));
            assertTrue(stderr.text().contains("refused on purpose"), "the error handler reported it: " + stderr.text());
        }
        assertTrue(errText().contains("metlog: 1 of 1 messages were not delivered by "), errText());
        assertTrue(errText().contains("failed=1"), errText());
    }

    @Test
    void demo_that_delivers_only_some_messages_exits_1_and_its_summary_counts_the_failures() {
        try (StdCapture stderr = StdCapture.stderr()) {
            assertEquals(1, run(refusingAllBut(2), "demo", "--config", "m.ini"));
            assertTrue(stderr.text().contains("refused on purpose"), "the error handler reported it: " + stderr.text());
        }
        assertTrue(errText().contains("demo: delivered: sent=5 filtered=0 dropped_queue_full=0 dropped_too_large=0"
            + " failed=5"), errText());
        assertTrue(errText().contains("metlog: 5 of 10 messages were not delivered by "), errText());
    }

    @Test
    void send_to_a_zeromq_endpoint_nobody_binds_exits_1() {
        String nobody = "tcp://127.0.0.1:" + Ports.freeTcp();
        int status;
        try (StdCapture stderr = StdCapture.stderr()) {
            status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                (file, section) -> MetlogClient.builder().sender(ZmqPubSender.builder(nobody).poolSize(1).build())
                    .build(), Duration.ofMillis(100))
                .run("send", "--metlogcfg", "metlog.ini", "--type", "cli.nobody");
            assertTrue(stderr.text().contains("no subscriber"), stderr.text());
        }
        assertEquals(1, status, errText());
    }
}
