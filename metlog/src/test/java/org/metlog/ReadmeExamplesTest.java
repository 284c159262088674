package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.config.MetlogConfig;
import org.metlog.senders.DebugCaptureSender;

/** The README's examples, run as written (with a capture sender where the README prints to stdout). */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    @AfterEach
    void forgetClients() {
        ClientHolder.clear();
    }

    @Test
    void the_use_it_example_sends_a_counter_a_timer_and_a_log_line() {
        DebugCaptureSender sender = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("myapp").build();

        client.incr("logins");
        client.timer("db.query").run(() -> { });
        client.info("user %s logged in", "alice");

        List<Map<String, Object>> sent = sender.decoded();
        assertEquals(List.of("counter", "timer", "oldstyle"), sent.stream().map(m -> m.get("type")).toList());
        assertEquals("user alice logged in", sent.get(2).get("payload"));
        assertEquals("myapp", sent.get(0).get("logger"));
    }

    @Test
    void a_holder_client_taken_before_start_up_is_configured_in_place_by_the_ini_file() throws Exception {
        try (DatagramChannel router = DatagramChannel.open()) {
            router.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) router.getLocalAddress()).getPort();
            Path ini = Files.writeString(dir.resolve("metlog.ini"), String.join("\n",
                "[metlog]",
                "logger = myapp",
                "severity = 6",
                "sender_class = metlog.senders.udp.UdpSender",
                "sender_host = 127.0.0.1",
                "sender_port = " + port, ""));

            MetlogClient early = ClientHolder.get("myapp");
            MetlogConfig.configure(ini, ClientHolder.registry());
            assertSame(early, ClientHolder.get("myapp"));

            early.incr("logins");
            ByteBuffer datagram = ByteBuffer.allocate(65_536);
            router.configureBlocking(false);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (router.receive(datagram) == null && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertNotEquals(0, datagram.position(), "no datagram within 20 s");
            datagram.flip();
            Map<?, ?> envelope = new ObjectMapper().readValue(
                StandardCharsets.UTF_8.decode(datagram).toString(), Map.class);
            assertEquals("counter", envelope.get("type"));
            assertEquals("myapp", envelope.get("logger"));
            early.close();
        }
    }
}
