package org.metlog.senders;
import org.metlog.spi.Sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.config.Components;
import org.metlog.spi.Options;
import org.metlog.testing.Envelopes;

class DebugCaptureSenderTest extends SenderContractTest {
    @Override
    protected Sender createSender() {
        return new DebugCaptureSender();
    }

    /** A capture for tests holds nothing to release: its {@code close()} does nothing and it keeps capturing. */
    @Override
    protected boolean deliversAfterClose() {
        return true;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        List<JsonNode> out = new ArrayList<>();
        for (String json : ((DebugCaptureSender) sender).messages()) {
            out.add(Envelopes.parse(json));
        }
        return out;
    }

    @Test
    void keeps_only_the_last_100_messages_oldest_first() {
        DebugCaptureSender sender = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(sender).build();
        for (int i = 0; i < 250; i++) {
            client.metlog("n", Integer.toString(i));
        }
        List<Map<String, Object>> kept = sender.decoded();
        assertEquals(DebugCaptureSender.CAPACITY, kept.size());
        assertEquals(100, kept.size());
        assertEquals("150", kept.get(0).get("payload"));
        assertEquals("249", kept.get(99).get("payload"));
        assertEquals("249", sender.last().get("payload"));
        assertEquals(250, sender.stats().sent());
    }

    @Test
    void messages_are_compact_json_strings() {
        DebugCaptureSender sender = new DebugCaptureSender();
        sender.send(StreamSenderTest.fixture());
        String json = sender.messages().get(0);
        assertEquals(-1, json.indexOf('\n'));
        assertEquals(StreamSenderTest.fixture().toJson(), json);
    }

    @Test
    void clear_forgets_the_captured_messages_and_last_refuses_an_empty_buffer() {
        DebugCaptureSender sender = new DebugCaptureSender();
        sender.send(StreamSenderTest.fixture());
        sender.clear();
        assertEquals(List.of(), sender.messages());
        assertThrows(IllegalStateException.class, sender::last);
    }

    @Test
    void keeps_configuration_options_as_attributes() {
        Sender sender = Components.sender("metlog.senders.dev.DebugCaptureSender",
            Options.of(Map.of("foo", "bar", "port", 5566)));
        DebugCaptureSender capture = assertInstanceOf(DebugCaptureSender.class, sender);
        assertEquals("bar", capture.attribute("foo"));
        assertEquals(5566, capture.attribute("port"));
        assertNull(capture.attribute("missing"));
        assertEquals(Map.of("foo", "bar", "port", 5566), capture.attributes());
        assertEquals("x", new DebugCaptureSender(Map.of("a", "x")).attribute("a"));
    }
}
