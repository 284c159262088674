package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.UdpSender;
import org.metlog.testing.UdpReceiver;

/**
 * A Jackson-version problem can never surface from a client call, because no class a client call runs touches
 * Jackson: the envelope is written by the library's own writer. Proved here by running the client in a JVM that
 * has no Jackson at all on its class path, where any use would be a {@link NoClassDefFoundError}; the class graph
 * says the same ({@code architecture.JacksonFreeHotPathTest}).
 */
class JacksonIndependenceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CALLS = 50;

    @Test
    void counters_timers_gauges_and_logs_are_delivered_by_a_jvm_without_jackson() throws Exception {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("jackson")) {
                classPath.add(entry);
            }
        }
        try (UdpReceiver receiver = UdpReceiver.ipv4()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, classPath),
                WithoutJackson.class.getName(), Integer.toString(receiver.port()))
                .redirectErrorStream(true).start();
            String output = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                return text;
            });
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("no jackson; " + new DeliveryStats(4 * CALLS, 0, 0, 0, 0)), output);
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < 4 * CALLS; i++) {
                Map<?, ?> envelope = json.readValue(receiver.receive(WAIT), Map.class);
                assertEquals("jvm-without-jackson", envelope.get("logger"));
            }
        }
    }

    /** The forked JVM's program: sends through a UdpSender, prints the delivery counts. */
    public static final class WithoutJackson {
        private WithoutJackson() {
        }

        /** @param args the receiver's port */
        public static void main(String[] args) throws Exception {
            try {
                Class.forName("com.fasterxml.jackson.core.JsonFactory");
                System.out.println("jackson is on the class path");
                System.exit(2);
            } catch (ClassNotFoundException expected) {
                // the point of the exercise
            }
            UdpSender sender = UdpSender.create(List.of("127.0.0.1"), List.of(Integer.parseInt(args[0])));
            MetlogClient client = MetlogClient.builder().sender(sender).logger("jvm-without-jackson").build();
            for (int i = 0; i < CALLS; i++) {
                client.incr("calls");
                client.timerSend("took", i);
                client.gauge("depth", i * 0.5);
                client.info("call {} of {}", i, CALLS);
            }
            DeliveryStats stats = client.deliveryStats();
            client.close();
            System.out.println("no jackson; " + stats);
        }
    }
}
