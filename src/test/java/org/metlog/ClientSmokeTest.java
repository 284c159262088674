package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;

class ClientSmokeTest {
    @Test
    void counter_reaches_the_sender_as_a_metlog_envelope() {
        DebugCaptureSender sender = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("smoke").build();
        client.incr("hits", 3);
        Map<String, Object> msg = sender.last();
        assertEquals("counter", msg.get("type"));
        assertEquals("3", msg.get("payload"));
        assertEquals(Map.of("name", "hits", "rate", 1.0), msg.get("fields"));
    }
}
