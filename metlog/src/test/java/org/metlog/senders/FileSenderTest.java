package org.metlog.senders;
import org.metlog.spi.Sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.MetlogClient;
import org.metlog.config.Components;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.testing.Envelopes;

class FileSenderTest extends SenderContractTest {
    @TempDir
    Path dir;

    private int files;

    @Override
    protected Sender createSender() {
        return new FileSender(dir.resolve("contract-" + (files++) + ".log"));
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) throws IOException {
        return Envelopes.parseAll(Files.readString(((FileSender) sender).path(), StandardCharsets.UTF_8));
    }

    @Test
    void creates_the_file_and_writes_indented_json_lines() throws IOException {
        Path file = dir.resolve("new.log");
        assertFalse(Files.exists(file));
        try (FileSender sender = new FileSender(file)) {
            assertTrue(Files.exists(file), "created when opened");
            sender.send(StreamSenderTest.fixture());
        }
        assertEquals(StreamSenderTest.PYTHON_INDENT_4 + "\n", Files.readString(file));
    }

    @Test
    void appends_across_two_sender_instances() throws IOException {
        Path file = dir.resolve("shared.log");
        try (FileSender first = new FileSender(file, Formatters::payload)) {
            first.send(StreamSenderTest.fixture());
        }
        try (FileSender second = new FileSender(file, Formatters::payload)) {
            second.send(StreamSenderTest.fixture());
        }
        assertEquals("hi\nhi\n", Files.readString(file));
    }

    @Test
    void is_built_from_config_by_metlog_py_name_by_keyword_or_positional_filepath() throws Exception {
        Path byName = dir.resolve("by-name.log");
        Sender sender = Components.sender("metlog.senders.dev.FileSender",
            Options.of(Map.of("filepath", byName.toString(), "formatter", "org.metlog.senders.TestFormatters#upper")));
        assertInstanceOf(FileSender.class, sender);
        MetlogClient client = MetlogClient.builder().sender(sender).build();
        client.info("configured");
        client.close();
        assertEquals("CONFIGURED\n", Files.readString(byName));

        Path positional = dir.resolve("positional.log");
        Sender second = Components.sender("metlog.senders.FileSender",
            Options.of(Map.of()).withArgs(List.of(positional.toString())));
        second.send(StreamSenderTest.fixture());
        second.close();
        assertEquals(StreamSenderTest.PYTHON_INDENT_4 + "\n", Files.readString(positional));
    }

    @Test
    void a_path_that_cannot_be_opened_is_an_invalid_filepath_option() {
        String bad = dir.resolve("no-such-dir").resolve("x.log").toString();
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
            () -> FileSender.fromConfig(Options.of(Map.of("filepath", bad))));
        assertTrue(e.getMessage().contains("filepath") && e.getMessage().contains(bad), e.getMessage());
        InvalidOptionException missing = assertThrows(InvalidOptionException.class,
            () -> Components.sender("metlog.senders.dev.FileSender", Options.of(Map.of())));
        assertTrue(missing.getMessage().contains("filepath"), missing.getMessage());
        assertThrows(UncheckedIOException.class, () -> new FileSender(Path.of(bad)));
    }
}
