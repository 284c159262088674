package org.metlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, case 14: the command line prints a configuration error as exactly one line on stderr. */
class ConfigErrorOneLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void an_indented_line_under_sender_class_is_one_stderr_line_naming_the_key_and_file_line(@TempDir Path dir)
        throws Exception {
        Path config = dir.resolve("metlog.ini");
        Files.writeString(config, "[metlog]\nsender_class = metlog.senders.dev.StdoutSender\n    extra.Thing\n");
        assertEquals(3, run("send", "--config", config.toString(), "--type", "t"));
        assertEquals("metlog: configuration error: " + config + ":2: [metlog] option sender_class ="
            + " 'metlog.senders.dev.StdoutSender' is continued on 1 indented line ('extra.Thing'): expected one"
            + " class name on one line (an indented line under an option continues its value)"
            + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_message_with_line_breaks_is_printed_on_one_line() {
        assertEquals("a\\nb\\nc\\nd", Main.oneLine("a\nb\r\nc\rd"));
    }
}
