package org.metlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.Deadline;

/**
 * Runs {@code metlog mb} in-process against a loopback UDP receiver that drains its socket on a thread. Counts are
 * small so that the kernel's receive buffer never overflows and every datagram sent arrives.
 */
class MbCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE = Pattern.compile("^([a-z_]+): (.*)$", Pattern.MULTILINE);

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return new Main(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** @return the {@code key: value} lines of the output, in order */
    private Map<String, String> report() {
        Map<String, String> lines = new LinkedHashMap<>();
        Matcher m = LINE.matcher(out());
        while (m.find()) {
            lines.put(m.group(1), m.group(2));
        }
        return lines;
    }

    /** @return the {@code key=value} pairs of a counters line */
    private static Map<String, Long> counters(String line) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String pair : line.trim().split(" ")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], Long.parseLong(kv[1]));
        }
        return values;
    }

    /** A loopback UDP socket whose datagrams a daemon thread takes off as they arrive. */
    private static final class Receiver implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicLong count = new AtomicLong();
        final ConcurrentLinkedQueue<byte[]> firstFew = new ConcurrentLinkedQueue<>();
        final Thread thread;

        Receiver() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            socket.setReceiveBufferSize(1 << 20);
            socket.setSoTimeout(100);
            thread = new Thread(this::drain, "mb-test-receiver");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void drain() {
            DatagramPacket packet = new DatagramPacket(new byte[70_000], 70_000);
            while (!socket.isClosed()) {
                try {
                    packet.setLength(70_000);
                    socket.receive(packet);
                    if (count.incrementAndGet() <= 5) {
                        firstFew.add(Arrays.copyOf(packet.getData(), packet.getLength()));
                    }
                } catch (SocketTimeoutException e) {
                    // look at isClosed again
                } catch (IOException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }

        boolean awaitCount(long expected) {
            return Deadline.await(WAIT, () -> count.get() >= expected);
        }

        @Override
        public void close() {
            socket.close();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void assertMbtest(byte[] datagram, String logger) throws IOException {
        JsonNode envelope = JSON.readTree(datagram);
        assertEquals("MBTEST", envelope.get("type").textValue());
        assertEquals(logger, envelope.get("logger").textValue());
        assertEquals(MbCommand.PAYLOAD, envelope.get("payload").textValue());
        assertEquals(6, envelope.get("severity").intValue());
    }

    @Test
    void mb_through_the_client_delivers_the_count_to_the_receiver_and_reports_its_counters() {
        assertTimeoutPreemptively(WAIT.multipliedBy(2), () -> {
            try (Receiver receiver = new Receiver()) {
                int status = run("mb", "127.0.0.1", String.valueOf(receiver.port()), "--count", "200");
                assertEquals(0, status, err());
                assertTrue(receiver.awaitCount(200), "received " + receiver.count.get() + " of 200");
                Map<String, String> report = report();
                assertEquals("client", report.get("mode"), out());
                assertEquals("1", report.get("threads"));
                assertEquals("200", report.get("messages_sent"));
                assertTrue(Double.parseDouble(report.get("elapsed_seconds")) >= 0, out());
                assertTrue(Long.parseLong(report.get("messages_per_second")) > 0, out());
                assertEquals(Map.of("sent", 200L, "filtered", 0L, "dropped_queue_full", 0L, "dropped_too_large", 0L,
                    "failed", 0L), counters(report.get("client_delivery_stats")));
                assertEquals(200L, counters(report.get("sender_stats")).get("sent"));
                assertTrue(report.get("sender").startsWith("UdpSender"), report.get("sender"));
                assertMbtest(receiver.firstFew.peek(), "mb");
                assertEquals("", err());
            }
        });
    }

    @Test
    void mb_raw_sends_the_same_envelope_straight_through_a_datagram_channel() {
        assertTimeoutPreemptively(WAIT.multipliedBy(2), () -> {
            try (Receiver receiver = new Receiver()) {
                int status = run("mb", "127.0.0.1", String.valueOf(receiver.port()), "--raw", "--count", "200");
                assertEquals(0, status, err());
                assertTrue(receiver.awaitCount(200), "received " + receiver.count.get() + " of 200");
                Map<String, String> report = report();
                assertEquals("raw", report.get("mode"), out());
                assertEquals("200", report.get("messages_sent"));
                assertTrue(Long.parseLong(report.get("messages_per_second")) > 0, out());
                assertEquals(Map.of("sent", 200L, "failed", 0L), counters(report.get("raw_stats")));
                assertMbtest(receiver.firstFew.peek(), "mb");
                byte[] expected = MbLoad.envelope();
                JsonNode sent = JSON.readTree(receiver.firstFew.peek());
                JsonNode built = JSON.readTree(expected);
                assertEquals(keys(built), keys(sent), "the raw datagram is a client envelope");
                assertEquals("", err());
            }
        });
    }

    private static List<String> keys(JsonNode node) {
        return iterable(node.fieldNames());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void mb_with_several_threads_sends_exactly_the_count_in_all() {
        assertTimeoutPreemptively(WAIT.multipliedBy(2), () -> {
            try (Receiver receiver = new Receiver()) {
                int status = run("mb", "127.0.0.1", String.valueOf(receiver.port()), "--count", "300",
                    "--threads", "3");
                assertEquals(0, status, err());
                assertTrue(receiver.awaitCount(300), "received " + receiver.count.get() + " of 300");
                Map<String, String> report = report();
                assertEquals("3", report.get("threads"));
                assertEquals("300", report.get("messages_sent"));
                assertEquals(300L, counters(report.get("client_delivery_stats")).get("sent"));
            }
        });
    }

    @Test
    void mb_stops_after_the_duration_when_no_count_is_given() {
        assertTimeoutPreemptively(WAIT.multipliedBy(2), () -> {
            try (Receiver receiver = new Receiver()) {
                int status = run("mb", "127.0.0.1", String.valueOf(receiver.port()), "--raw", "--duration", "0.2");
                assertEquals(0, status, err());
                Map<String, String> report = report();
                assertTrue(Long.parseLong(report.get("messages_sent")) > 0, out());
                assertTrue(Double.parseDouble(report.get("elapsed_seconds")) >= 0.2, out());
            }
        });
    }

    @Test
    void mb_with_metlogcfg_sends_through_the_client_the_file_configures() throws Exception {
        Path ini = dir.resolve("mb.ini");
        Files.writeString(ini, "[metlog]\nlogger = mbcfg\nsender_class = metlog.senders.dev.DebugCaptureSender\n");
        int status = run("mb", "--metlogcfg", ini.toString(), "--count", "50");
        assertEquals(0, status, err());
        Map<String, String> report = report();
        assertEquals("client", report.get("mode"));
        assertEquals("50", report.get("messages_sent"));
        assertEquals(50L, counters(report.get("client_delivery_stats")).get("sent"));
        assertEquals(50L, counters(report.get("sender_stats")).get("sent"));
        assertTrue(report.get("sender").contains("DebugCaptureSender"), report.get("sender"));
    }

    @Test
    void mb_with_config_is_the_same_as_with_its_alias_metlogcfg() throws Exception {
        Path ini = dir.resolve("mb.ini");
        Files.writeString(ini, "[metlog]\nlogger = mbcfg\nsender_class = metlog.senders.dev.DebugCaptureSender\n");
        assertEquals(0, run("mb", "--config", ini.toString(), "--count", "7"), err());
        Map<String, String> report = report();
        assertEquals("7", report.get("messages_sent"));
        assertEquals(7L, counters(report.get("client_delivery_stats")).get("sent"));
        assertTrue(report.get("sender").contains("DebugCaptureSender"), report.get("sender"));
    }

    @Test
    void mb_exits_1_when_the_client_could_not_deliver_every_message() {
        org.metlog.spi.Sender failing = new org.metlog.spi.Sender() {
            @Override
            public void send(org.metlog.message.Message message) throws IOException {
                throw new IOException("refused on purpose");
            }
        };
        int status;
        try (org.metlog.testing.StdCapture stderr = org.metlog.testing.StdCapture.stderr()) {
            status = new Main(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                (file, section) -> MetlogClient.builder().sender(failing).logger("mb").build(), Duration.ofSeconds(1))
                .run("mb", "--config", "x.ini", "--count", "4");
            assertTrue(stderr.text().contains("refused on purpose"), stderr.text());
        }
        assertEquals(1, status, err());
        assertEquals(4L, counters(report().get("client_delivery_stats")).get("failed"), out());
        assertTrue(err().contains("metlog: 4 of 4 messages were not delivered"), err());
    }

    @Test
    void mb_with_a_mistyped_option_suggests_the_right_one() {
        assertEquals(2, run("mb", "127.0.0.1", "5565", "--thread", "2"));
        assertTrue(err().contains("Did you mean: --threads?"), err());
    }

    @Test
    void mb_with_metlogcfg_and_a_udp_sender_delivers_to_the_configured_destination() {
        assertTimeoutPreemptively(WAIT.multipliedBy(2), () -> {
            try (Receiver receiver = new Receiver()) {
                Path ini = dir.resolve("udp.ini");
                Files.writeString(ini, "[bench]\nlogger = mbcfg\nsender_class = metlog.senders.udp.UdpSender\n"
                    + "sender_host = 127.0.0.1\nsender_port = " + receiver.port() + "\n");
                int status = run("mb", "--metlogcfg", ini.toString(), "--section", "bench", "--count", "100");
                assertEquals(0, status, err());
                assertTrue(receiver.awaitCount(100), "received " + receiver.count.get() + " of 100");
                assertMbtest(receiver.firstFew.peek(), "mbcfg");
                assertEquals(100L, counters(report().get("client_delivery_stats")).get("sent"));
            }
        });
    }

    @Test
    void mb_through_an_injected_client_uses_the_loader_for_metlogcfg() {
        DebugCaptureSender capture = new DebugCaptureSender();
        int status = new Main(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8),
            (file, section) -> MetlogClient.builder().sender(capture).logger(section).build(), Duration.ofSeconds(1))
            .run("mb", "--metlogcfg", "x.ini", "--section", "loaded", "--count", "3");
        assertEquals(0, status, err());
        assertEquals(3, capture.messages().size());
        assertEquals("loaded", capture.last().get("logger"));
        assertEquals("MBTEST", capture.last().get("type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mb",
        "mb 127.0.0.1",
        "mb 127.0.0.1 5565 extra",
        "mb 127.0.0.1 0",
        "mb 127.0.0.1 65536",
        "mb 127.0.0.1 port",
        "mb 127.0.0.1 5565 --count 0",
        "mb 127.0.0.1 5565 --count -5",
        "mb 127.0.0.1 5565 --count many",
        "mb 127.0.0.1 5565 --duration 0",
        "mb 127.0.0.1 5565 --duration -1",
        "mb 127.0.0.1 5565 --duration 3601",
        "mb 127.0.0.1 5565 --duration NaN",
        "mb 127.0.0.1 5565 --duration forever",
        "mb 127.0.0.1 5565 --threads 0",
        "mb 127.0.0.1 5565 --threads 65",
        "mb 127.0.0.1 5565 --bogus 1",
        "mb 127.0.0.1 5565 --section s",
        "mb --metlogcfg m.ini --raw",
        "mb 127.0.0.1 5565 --metlogcfg m.ini",
        "mb --config m.ini --raw",
        "mb 127.0.0.1 5565 --config m.ini",
        "mb 127.0.0.1 5565 --thread 2",
        "mb 127.0.0.1 5565 --count",
    })
    void mb_with_bad_arguments_prints_the_usage_and_exits_2(String line) {
        int status = run(line.split(" "));
        assertEquals(2, status, line + ": " + err());
        assertTrue(err().startsWith("metlog: "), err());
        assertTrue(err().contains("Usage: metlog mb HOST PORT [--raw]"), err());
        assertTrue(err().contains("metlog mb --config=FILE [--section=NAME]"), err());
        assertEquals("", out(), "nothing was sent");
    }

    @Test
    void mb_to_a_host_that_does_not_resolve_fails_with_status_1_before_sending() {
        int status = run("mb", "no-such-host.invalid", "5565", "--count", "1");
        assertEquals(1, status, err());
        assertTrue(err().contains("cannot resolve host 'no-such-host.invalid'"), err());
        assertEquals("", out());
    }
}
