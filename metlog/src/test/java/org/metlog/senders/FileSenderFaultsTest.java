package org.metlog.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.message.DeliveryStats;

/** A file sender says why it cannot open its file, and leaves a file that fills up holding whole envelopes. */
class FileSenderFaultsTest {
    @TempDir
    Path dir;

    @Test
    void a_file_in_a_missing_directory_names_the_missing_directory() {
        Path file = dir.resolve("absent").resolve("metlog.json");
        String message = assertThrows(UncheckedIOException.class, () -> new FileSender(file)).getMessage();
        assertEquals("cannot open " + file + " for appending: no such directory " + dir.resolve("absent"), message);
    }

    @Test
    void a_read_only_file_system_is_named_as_such() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("ro"));
        assumeTrue(mount(mount, "ro,size=64k"), "mount -t tmpfs is not permitted here; skipped");
        try {
            String message = assertThrows(UncheckedIOException.class, () -> new FileSender(mount.resolve("m.json")))
                .getMessage();
            assertTrue(message.endsWith(": read-only file system"), message);
        } finally {
            umount(mount);
        }
    }

    @Test
    void a_disk_that_fills_keeps_only_whole_envelopes_and_counts_the_rest_failed() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("small"));
        assumeTrue(mount(mount, "size=64k"), "mount -t tmpfs is not permitted here; skipped");
        try {
            Path file = mount.resolve("m.json");
            int attempts = 0;
            int failures = 0;
            try (FileSender sender = new FileSender(file)) {
                while (failures < 3 && attempts < 100_000) {
                    attempts++;
                    try {
                        sender.send(StreamSenderTest.fixture());
                    } catch (Exception e) {
                        failures++;
                    }
                }
                DeliveryStats stats = sender.deliveryStats();
                assertEquals(3, failures);
                assertEquals(attempts, stats.total());
                assertEquals(3, stats.failed());
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertTrue(text.endsWith("}\n"), "file ends mid-envelope: ..." + text.substring(text.length() - 40));
                assertEquals(stats.sent(), text.split("\n}\n", -1).length - 1);
            }
        } finally {
            umount(mount);
        }
    }

    private static boolean mount(Path where, String options) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", where.toString())
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private static void umount(Path where) throws Exception {
        new ProcessBuilder("umount", where.toString()).inheritIO().start().waitFor();
    }
}
