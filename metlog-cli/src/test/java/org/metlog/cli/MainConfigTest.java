package org.metlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} and {@code send} with {@code --config}: the INI loader builds the client they use. */
class MainConfigTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path ini(Path dir, String text) throws Exception {
        Path file = dir.resolve("metlog.ini");
        Files.writeString(file, text);
        return file;
    }

    private static String fileSenderIni(Path log, String section, String logger) {
        return "[" + section + "]\nlogger = " + logger + "\nsender_class = metlog.senders.dev.FileSender\n"
            + "sender_filepath = " + log + "\nsender_formatter = org.metlog.senders.Formatters#compactJson\n";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messages(Path log) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            out.add(json.readValue(line, Map.class));
        }
        return out;
    }

    @Test
    void demo_sends_through_the_sender_the_config_file_names(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.jsonl");
        Path config = ini(dir, fileSenderIni(log, "metlog", "from-ini"));
        assertEquals(0, run("demo", "--config", config.toString()), err());
        List<Map<String, Object>> sent = messages(log);
        assertTrue(sent.size() >= 8, "messages: " + sent.size());
        assertTrue(sent.stream().allMatch(m -> "from-ini".equals(m.get("logger"))));
        assertTrue(err().lines().allMatch(line -> line.startsWith("demo: ")), "only the summary: " + err());
        assertTrue(err().contains("demo: sent 10 messages to FileSender"), err());
    }

    @Test
    void send_uses_the_named_section(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.jsonl");
        Path config = ini(dir, "[metlog]\nsender_class = java.lang.ProcessBuilder\n"
            + fileSenderIni(log, "other", "sectioned"));
        assertEquals(0, run("send", "--config", config.toString(), "--section", "other", "--type", "deploy",
            "--payload", "v1.2"), err());
        Map<String, Object> sent = messages(log).get(0);
        assertEquals("deploy", sent.get("type"));
        assertEquals("v1.2", sent.get("payload"));
        assertEquals("sectioned", sent.get("logger"));
    }

    @Test
    void a_configuration_error_exits_3_with_the_one_line_message(@TempDir Path dir) throws Exception {
        Path config = ini(dir, "[metlog]\nsender_class = java.lang.ProcessBuilder\n");
        assertEquals(3, run("send", "--config", config.toString(), "--type", "t"));
        assertEquals("metlog: configuration error: " + config + " [metlog] sender java.lang.ProcessBuilder: class"
            + " 'java.lang.ProcessBuilder' is not a sender: it must implement org.metlog.spi.Sender"
            + System.lineSeparator(), err());
    }

    @Test
    void a_missing_section_exits_3(@TempDir Path dir) throws Exception {
        Path config = ini(dir, "[metlog]\nsender_class = metlog.senders.dev.StdoutSender\n");
        assertEquals(3, run("demo", "--config", config.toString(), "--section", "nope"));
        assertEquals("metlog: configuration error: " + config + ": section [nope] not found; sections present:"
            + " [metlog]" + System.lineSeparator(), err());
    }

    @Test
    void a_missing_config_file_exits_3(@TempDir Path dir) {
        Path config = dir.resolve("missing.ini");
        assertEquals(3, run("demo", "--config", config.toString()));
        assertEquals("metlog: configuration error: " + config + ": configuration file not found"
            + System.lineSeparator(), err());
    }

    @Test
    void metlogcfg_is_an_alias_of_config_on_every_command(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.jsonl");
        Path config = ini(dir, "[metlog]\nsender_class = java.lang.ProcessBuilder\n"
            + fileSenderIni(log, "aliased", "via-metlogcfg"));
        assertEquals(0, run("send", "--metlogcfg", config.toString(), "--section", "aliased", "--type", "alias"),
            err());
        assertEquals(0, run("demo", "--metlogcfg=" + config, "--section=aliased"), err());
        List<Map<String, Object>> sent = messages(log);
        assertEquals("alias", sent.get(0).get("type"));
        assertEquals("via-metlogcfg", sent.get(0).get("logger"));
        assertEquals(11, sent.size(), "one from send, ten from demo");
    }

    @Test
    void messages_a_filter_drops_on_purpose_still_exit_0(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.jsonl");
        Path config = ini(dir, fileSenderIni(log, "metlog", "filtered")
            + "\n[metlog_filter_sev_max]\nprovider = metlog.filters.severity_max\nseverity = 3\n");
        assertEquals(0, run("demo", "--config", config.toString()), err());
        List<Map<String, Object>> sent = messages(log);
        assertTrue(sent.stream().allMatch(m -> ((Number) m.get("severity")).intValue() <= 3), sent.toString());
        assertTrue(err().contains("demo: delivered: sent=" + sent.size() + " filtered=" + (10 - sent.size())
            + " dropped_queue_full=0 dropped_too_large=0 failed=0"), err());
        assertTrue(sent.size() < 10, "the filter dropped some: " + sent.size());
    }

    @Test
    void format_with_config_is_a_usage_error_since_the_files_sender_formats(@TempDir Path dir) throws Exception {
        Path config = ini(dir, fileSenderIni(dir.resolve("out.jsonl"), "metlog", "x"));
        assertEquals(2, run("send", "--config", config.toString(), "--type", "t", "--format", "pretty"));
        assertTrue(err().startsWith("metlog: --format is for the printed envelope"), err());
    }
}
