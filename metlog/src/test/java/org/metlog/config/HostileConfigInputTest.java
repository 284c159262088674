package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.ClientHolder;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.UnknownOptionException;

/** Hostile configuration input gives a short, one-line error that names where the problem is. */
class HostileConfigInputTest {

    @AfterEach
    void reset() {
        ClientHolder.clear();
    }

    @Test
    void hundred_thousand_unknown_options_give_a_short_message_with_the_count_of_the_rest() {
        StringBuilder ini = new StringBuilder(
            "[metlog]\nsender_class = metlog.senders.UdpSender\nsender_host = 127.0.0.1\nsender_port = 5565\n");
        for (int i = 0; i < 100_000; i++) {
            ini.append("sender_typo").append(i).append(" = x\n");
        }
        String message = assertThrows(UnknownOptionException.class,
            () -> MetlogConfig.clientFromText(ini.toString(), "metlog")).getMessage();
        assertTrue(message.length() < 2_000, message.length() + " characters");
        assertTrue(message.contains("sender_typo0 = 'x'"), message);
        assertTrue(message.contains("and 99980 more"), message);
        assertEquals(1, message.lines().count());
    }

    @Test
    void hundred_thousand_unknown_top_level_keys_give_a_short_message() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < 100_000; i++) {
            map.put("typo" + i, "x");
        }
        String message = assertThrows(UnknownOptionException.class, () -> MetlogConfig.clientFromMap(map))
            .getMessage();
        assertTrue(message.length() < 2_000, message.length() + " characters");
        assertTrue(message.contains("and 99980 more"), message);
    }

    @Test
    void a_twenty_megabyte_bad_value_is_quoted_by_a_prefix_and_its_length() {
        String huge = "9".repeat(20_000_000) + "x";
        String ini = "[metlog]\nsender_class = metlog.senders.UdpSender\nsender_host = 127.0.0.1\nsender_port = "
            + huge + "\n";
        String message = assertThrows(InvalidOptionException.class,
            () -> MetlogConfig.clientFromText(ini, "metlog")).getMessage();
        assertTrue(message.length() < 1_000, message.length() + " characters");
        assertTrue(message.contains("(20000001 characters)"), message);
    }

    @Test
    void a_file_that_is_not_utf8_fails_naming_the_file_and_line(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metlog.ini");
        Files.write(file, latin1("[metlog]\nsender_class = metlog.senders.DebugCaptureSender\nlogger = caf\u00e9\n"));
        String message = assertThrows(ConfigurationException.class,
            () -> MetlogConfig.clientFromPath(file, "metlog")).getMessage();
        assertTrue(message.startsWith(file + ": line 3: not UTF-8"), message);
    }

    @Test
    void a_stream_that_is_not_utf8_fails_naming_the_stream_and_line() {
        byte[] bytes = latin1("[metlog]\nlogger = caf\u00e9\nsender_class = metlog.senders.DebugCaptureSender\n");
        String message = assertThrows(ConfigurationException.class,
            () -> MetlogConfig.clientFromStream(new ByteArrayInputStream(bytes), "metlog")).getMessage();
        assertTrue(message.startsWith("INI stream: line 2: not UTF-8"), message);
        assertThrows(ConfigurationException.class,
            () -> MetlogConfig.mapFromStream(new ByteArrayInputStream(bytes), "metlog"));
    }

    @Test
    void valid_utf8_with_a_byte_order_mark_still_reads() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes("[metlog]\nlogger = caf\u00e9\nsender_class = metlog.senders.DebugCaptureSender\n"
            .getBytes(StandardCharsets.UTF_8));
        Map<String, Object> map = MetlogConfig.mapFromStream(new ByteArrayInputStream(out.toByteArray()), "metlog");
        assertEquals("caf\u00e9", map.get("logger"));
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
