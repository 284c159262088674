package org.metlog.senders;
import org.metlog.spi.Sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.testing.StdCapture;

class NoSendSenderTest extends SenderContractTest {
    private StdCapture stderr;

    @BeforeEach
    void captureStderr() {
        stderr = StdCapture.stderr();
    }

    @AfterEach
    void restoreStderr() {
        stderr.close();
    }

    @Override
    protected Sender createSender() {
        return new NoSendSender("contract");
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return null; // delivers nothing that could be read back
    }

    @Test
    void prints_one_warning_line_and_counts_every_message_as_failed() {
        NoSendSender sender = new NoSendSender("myapp");
        MetlogClient client = new MetlogClient(sender, "myapp");
        client.info("one");
        client.incr("two");
        client.metlog("three");
        String text = stderr.text();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("metlog: client 'myapp' has no sender configured"), text);
        assertTrue(text.contains("type 'oldstyle'"), text);
        assertEquals(3, sender.stats().failed());
        assertEquals(0, sender.stats().sent());
    }

    @Test
    void an_unconfigured_client_uses_a_no_send_sender_and_is_not_active() {
        MetlogClient client = new MetlogClient(null, "lazy");
        assertTrue(client.sender() instanceof NoSendSender);
        assertEquals(false, client.isActive());
        MetlogClient built = MetlogClient.builder().build();
        assertTrue(built.sender() instanceof NoSendSender);
    }
}
