package org.metlog.senders;
import org.metlog.spi.Formatter;
import org.metlog.spi.Sender;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.message.Message;
import org.metlog.MetlogClient;
import org.metlog.config.ComponentNotAllowedException;
import org.metlog.config.Components;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.testing.Envelopes;
import org.metlog.testing.StdCapture;

class StreamSenderTest extends SenderContractTest {
    private final Map<Sender, ByteArrayOutputStream> outputs = new IdentityHashMap<>();

    @Override
    protected Sender createSender() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamSender sender = new StreamSender(out);
        outputs.put(sender, out);
        return sender;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return Envelopes.parseAll(outputs.get(sender).toString(StandardCharsets.UTF_8));
    }

    static Message fixture() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("a", 1);
        fields.put("tags", List.of("x", "y"));
        fields.put("e", Map.of());
        fields.put("l", List.of());
        return Message.builder("custom").timestampMicros(1_795_253_400_000_000L).logger("app").payload("hi")
            .fields(fields).pid(42).hostname("box").build();
    }

    /** What metlog-py's default formatter, {@code json.dumps(msg, indent=4)}, prints for {@link #fixture()}. */
    static final String PYTHON_INDENT_4 = String.join("\n",
        "{",
        "    \"type\": \"custom\",",
        "    \"timestamp\": \"2026-11-21T09:30:00.000000Z\",",
        "    \"logger\": \"app\",",
        "    \"severity\": 6,",
        "    \"payload\": \"hi\",",
        "    \"fields\": {",
        "        \"a\": 1,",
        "        \"tags\": [",
        "            \"x\",",
        "            \"y\"",
        "        ],",
        "        \"e\": {},",
        "        \"l\": []",
        "    },",
        "    \"env_version\": \"0.8\",",
        "    \"metlog_pid\": 42,",
        "    \"metlog_hostname\": \"box\"",
        "}");

    @Test
    void default_format_is_json_indented_by_four_spaces_then_a_newline() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamSender sender = new StreamSender(out)) {
            sender.send(fixture());
            sender.send(fixture());
        }
        assertEquals(PYTHON_INDENT_4 + "\n" + PYTHON_INDENT_4 + "\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_writer_receives_the_same_text() throws IOException {
        StringWriter out = new StringWriter();
        new StreamSender(out, null).send(fixture());
        assertEquals(PYTHON_INDENT_4 + "\n", out.toString());
    }

    @Test
    void a_formatter_given_as_a_lambda_shapes_each_line() throws IOException {
        StringWriter out = new StringWriter();
        StreamSender sender = new StreamSender(out, m -> m.type() + "|" + m.payload());
        sender.send(fixture());
        sender.send(Message.builder("other").payload("there").build());
        assertEquals("custom|hi\nother|there\n", out.toString());
    }

    @Test
    void built_in_formatters_give_compact_json_or_the_payload() throws IOException {
        StringWriter out = new StringWriter();
        StreamSender compact = new StreamSender(out, Formatters::compactJson);
        compact.send(fixture());
        String line = out.toString();
        assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
        Envelopes.assertEnvelope(Envelopes.parse(line));
        StringWriter payloads = new StringWriter();
        new StreamSender(payloads, Formatters::payload).send(fixture());
        assertEquals("hi\n", payloads.toString());
    }

    @Test
    void from_config_takes_a_formatter_class_name() throws Exception {
        try (StdCapture stdout = StdCapture.stdout()) {
            StreamSender sender = StreamSender.fromConfig(Options.of(Map.of(
                "formatter", "org.metlog.senders.TestFormatters$TypeAndPayload")).withComponents(Components.factory()));
            sender.send(fixture());
            assertEquals("custom: hi\n", stdout.text());
        }
    }

    @Test
    void from_config_takes_a_class_and_method_formatter_name() throws Exception {
        try (StdCapture stdout = StdCapture.stdout()) {
            StreamSender sender = StreamSender.fromConfig(Options.of(Map.of(
                "formatter", "org.metlog.senders.TestFormatters#upper")).withComponents(Components.factory()));
            sender.send(fixture());
            assertEquals("HI\n", stdout.text());
        }
    }

    @Test
    void from_config_accepts_the_metlog_py_default_formatter_name_and_stderr() throws Exception {
        try (StdCapture stderr = StdCapture.stderr()) {
            Sender sender = Components.sender("metlog.senders.dev.StreamSender", Options.of(Map.of(
                "stream", "sys.stderr", "formatter", "metlog.senders.dev.StreamSender.default_formatter")));
            sender.send(fixture());
            assertEquals(PYTHON_INDENT_4 + "\n", stderr.text());
        }
    }

    @Test
    void from_config_rejects_an_unknown_stream_and_a_class_that_is_not_a_formatter() {
        InvalidOptionException stream = assertThrows(InvalidOptionException.class,
            () -> StreamSender.fromConfig(Options.of(Map.of("stream", "sys.stdin"))));
        assertTrue(stream.getMessage().contains("stream") && stream.getMessage().contains("'sys.stdin'"),
            stream.getMessage());
        ComponentNotAllowedException formatter = assertThrows(ComponentNotAllowedException.class,
            () -> StreamSender.fromConfig(Options.of(Map.of("formatter", "java.lang.Object"))
                .withComponents(Components.factory())));
        assertTrue(formatter.getMessage().contains(Formatter.class.getName()), formatter.getMessage());
        assertThrows(ComponentNotAllowedException.class,
            () -> StreamSender.fromConfig(Options.of(Map.of("formatter", "org.metlog.senders.TestFormatters#nope"))
                .withComponents(Components.factory())));
    }

    @Test
    void a_formatter_that_throws_is_counted_as_failed_and_reported_by_the_client() {
        StringWriter out = new StringWriter();
        StreamSender sender = new StreamSender(out, m -> {
            throw new IllegalStateException("formatter bug");
        });
        MetlogClient client = MetlogClient.builder().sender(sender).build();
        try (StdCapture err = StdCapture.stderr()) {
            assertDoesNotThrow(() -> client.info("x"));
            assertTrue(err.text().contains("formatter bug"), err.text());
        }
        assertEquals(1, sender.stats().failed());
        assertEquals(1, client.stats().failed());
        assertEquals("", out.toString());
    }

    @Test
    void a_stream_that_fails_is_counted_as_failed_and_reported_by_the_client() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        StreamSender sender = new StreamSender(broken);
        MetlogClient client = MetlogClient.builder().sender(sender).build();
        try (StdCapture err = StdCapture.stderr()) {
            assertDoesNotThrow(() -> client.info("x"));
            assertTrue(err.text().startsWith("Error sending message ("), err.text());
            assertTrue(err.text().contains("disk full"), err.text());
        }
        assertEquals(1, sender.stats().failed());
        assertEquals(0, sender.stats().sent());
    }

    @Test
    void closing_leaves_the_underlying_stream_open() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new StreamSender(bytes).close();
        assertEquals(false, closed[0]);
    }
}
