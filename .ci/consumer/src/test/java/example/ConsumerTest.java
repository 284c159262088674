package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.config.MetlogConfig;

/** An application that depends on the BOM and the library alone: configures a client from INI and sends. */
class ConsumerTest {

    @Test
    void a_counter_configured_from_ini_reaches_a_udp_receiver() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(10_000);
            String ini = "[metlog]\nlogger = consumer\nsender_class = metlog.senders.UdpSender\n"
                + "sender_host = 127.0.0.1\nsender_port = " + receiver.getLocalPort() + "\n";
            try (MetlogClient client = MetlogConfig.clientFromText(ini, "metlog")) {
                assertTrue(client.sender().awaitConnection(java.time.Duration.ofSeconds(10)));
                client.incr("logins");
                DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
                receiver.receive(packet);
                String json = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                assertTrue(json.contains("\"type\":\"counter\""), json);
                assertTrue(json.contains("\"logger\":\"consumer\""), json);
                assertEquals(1, client.deliveryStats().sent());
            }
        }
    }
}
