package org.metlog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostInfoTest {

    @Test
    void the_kernel_name_is_read_from_its_file_without_the_line_break(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hostname");
        Files.writeString(file, "web-7\n");
        assertEquals("web-7", HostInfo.kernelHostname(file));
    }

    @Test
    void an_absent_or_empty_file_gives_no_name(@TempDir Path dir) throws Exception {
        assertNull(HostInfo.kernelHostname(dir.resolve("absent")));
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertNull(HostInfo.kernelHostname(empty));
    }

    @Test
    void the_host_name_is_never_empty() {
        assertFalse(HostInfo.hostname().isEmpty());
    }
}
