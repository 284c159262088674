package org.metlog.senders;
import org.metlog.spi.Sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.config.Components;
import org.metlog.spi.Options;
import org.metlog.testing.Envelopes;
import org.metlog.testing.StdCapture;

class StdoutSenderTest extends SenderContractTest {
    private StdCapture stdout;

    @BeforeEach
    void captureStdout() {
        stdout = StdCapture.stdout();
    }

    @AfterEach
    void restoreStdout() {
        stdout.close();
    }

    @Override
    protected Sender createSender() {
        return new StdoutSender();
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return Envelopes.parseAll(stdout.text());
    }

    @Test
    void writes_indented_json_to_standard_output() throws Exception {
        new StdoutSender().send(StreamSenderTest.fixture());
        assertEquals(StreamSenderTest.PYTHON_INDENT_4 + "\n", stdout.text());
    }

    @Test
    void takes_a_formatter() throws Exception {
        new StdoutSender(Formatters::payload).send(StreamSenderTest.fixture());
        assertEquals("hi\n", stdout.text());
    }

    @Test
    void is_built_by_its_metlog_py_names_with_a_formatter_option() throws Exception {
        for (String name : List.of("metlog.senders.dev.StdoutSender", "metlog.senders.dev.StdOutSender",
            "org.metlog.senders.StdoutSender")) {
            Sender sender = Components.sender(name, Options.of(Map.of(
                "formatter", "org.metlog.senders.TestFormatters#upper")));
            assertInstanceOf(StdoutSender.class, sender);
            sender.send(StreamSenderTest.fixture());
        }
        assertEquals("HI\nHI\nHI\n", stdout.text());
    }
}
