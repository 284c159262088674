package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;

/**
 * Issue 11, case 7: a {@link PrintStream} swallows its write errors, so a stream sender asks it after each
 * message and counts a failed write as failed, never as sent. Against a real full device, {@code /dev/full}.
 */
class StreamSenderFullDeviceTest {
    private static final Path FULL = Path.of("/dev/full");
    private static final int MESSAGES = 100;

    /** Sends {@value #MESSAGES} messages through a {@link StdoutSender} and prints the counts on stderr. */
    public static final class SendToStdout {
        private SendToStdout() {
        }

        /**
         * Runs in a JVM whose stdout the test chose.
         *
         * @param args unused
         */
        public static void main(String[] args) {
            MetlogClient client = MetlogClient.builder().sender(new StdoutSender()).logger("full")
                .errorHandler(e -> { }).build();
            for (int i = 0; i < MESSAGES; i++) {
                client.info("message %d", i);
            }
            DeliveryStats sender = client.sender().deliveryStats();
            DeliveryStats client1 = client.deliveryStats();
            client.close();
            System.err.println("sender " + sender.sent() + " " + sender.failed() + " client " + client1.sent() + " "
                + client1.failed() + " " + client1.total());
        }
    }

    @Test
    void every_message_written_to_a_print_stream_on_a_full_device_is_counted_as_failed() throws Exception {
        assertTrue(Files.exists(FULL), "this machine has /dev/full");
        try (PrintStream full = new PrintStream(new FileOutputStream(FULL.toFile()), false,
            StandardCharsets.UTF_8)) {
            StreamSender sender = new StreamSender(full);
            MetlogClient client = MetlogClient.builder().sender(sender).logger("full").errorHandler(e -> { })
                .build();
            for (int i = 0; i < MESSAGES; i++) {
                client.info("message %d", i);
            }
            assertTrue(full.checkError(), "the device really is full");
            assertEquals(new DeliveryStats(0, 0, 0, 0, MESSAGES), sender.deliveryStats());
            assertEquals(MESSAGES, client.deliveryStats().failed());
            client.close();
        }
    }

    @Test
    void a_print_stream_that_works_counts_every_message_as_sent() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        StreamSender sender = new StreamSender(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            assertDoesNotFail(sender, Message.builder("t").payload("p" + i).build());
        }
        assertEquals(new DeliveryStats(3, 0, 0, 0, 0), sender.deliveryStats());
        assertEquals(3, bytes.toString(StandardCharsets.UTF_8).split("\n}\n", -1).length - 1);
    }

    @Test
    void stdout_sender_in_a_jvm_whose_stdout_is_a_full_device_counts_every_message_as_failed() throws Exception {
        assertTrue(Files.exists(FULL), "this machine has /dev/full");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            SendToStdout.class.getName())
            .redirectOutput(new File(FULL.toString())).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String err = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String text = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return text;
        });
        assertEquals(0, p.exitValue(), err);
        assertEquals("sender 0 " + MESSAGES + " client 0 " + MESSAGES + " " + MESSAGES, err.strip());
    }

    private static void assertDoesNotFail(StreamSender sender, Message message) {
        try {
            sender.send(message);
        } catch (Exception e) {
            throw new AssertionError("a working stream failed", e);
        }
    }
}
