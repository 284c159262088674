package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.MetlogClient;
import org.metlog.config.MetlogConfig;
import org.metlog.testing.MarkdownBlocks;
import org.metlog.testing.UdpReceiver;

/** docs/senders-stats.md, "Tags": the INI and Java blocks run as written (the port changed); the lines compared. */
class StatsdTagsDocTest {
    private static final String PAGE = "senders-stats.md";
    private static final String HEADING = "### Tags";

    @TempDir
    Path dir;

    @Test
    void the_tags_example_sends_the_lines_the_page_shows() throws Exception {
        Assumptions.assumeTrue(System.getenv("DD_SERVICE") == null && System.getenv("DD_VERSION") == null,
            "DD_SERVICE or DD_VERSION is set in this environment and would add tags the page does not show");
        String ini = MarkdownBlocks.block(PAGE, HEADING, "ini", 0);
        String java = MarkdownBlocks.block(PAGE, HEADING, "java", 0);
        String expected = MarkdownBlocks.block(PAGE, HEADING, "text", 0);
        String test = Files.readString(Path.of("src/test/java/org/metlog/senders/StatsdTagsDocTest.java"));
        for (String line : java.strip().split("\n")) {
            if (!line.startsWith("MetlogClient client = ")) { // the one line that differs: the file's path
                assertTrue(test.contains("            " + line + "\n"), "the page's line is not run here: " + line);
            }
        }
        try (UdpReceiver receiver = UdpReceiver.ipv4()) {
            assertTrue(ini.contains("sender_port = 8125\n"));
            Path file = Files.writeString(dir.resolve("metlog.ini"),
                ini.replace("sender_port = 8125", "sender_port = " + receiver.port()));
            MetlogClient client = MetlogConfig.clientFromPath(file, "metlog"); // the page's Path.of("metlog.ini")
            client.incr("logins", 1, 1.0, null, null, Map.of("region", "eu"));
            client.gauge("queue", 7);
            client.flush();
            byte[] datagram = receiver.receive();
            assertNotNull(datagram);
            assertEquals(expected, new String(datagram, StandardCharsets.UTF_8) + "\n");
            client.close();
        }
    }
}
