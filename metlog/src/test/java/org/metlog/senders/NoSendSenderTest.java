package org.metlog.senders;
import org.metlog.spi.Sender;
import org.metlog.message.Message;
import org.metlog.message.DeliveryStats;

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

    /** It has nowhere to send: every message is counted as failed. */
    @Override
    protected DeliveryStats countOf(Message message) {
        return FAILED;
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
    void reports_the_first_dropped_message_once_to_the_error_handler_it_is_given() {
        List<org.metlog.spi.DeliveryError> reported = new java.util.ArrayList<>();
        NoSendSender sender = new NoSendSender("myapp", reported::add);
        sender.send(org.metlog.message.Message.builder("counter").build());
        sender.send(org.metlog.message.Message.builder("timer").build());
        assertEquals(1, reported.size(), reported.toString());
        assertTrue(reported.get(0).line().startsWith("metlog: client 'myapp' has no sender configured"),
            reported.get(0).line());
        assertTrue(reported.get(0).line().contains("type 'counter'"), reported.get(0).line());
        assertEquals("", stderr.text(), "nothing on stderr when a handler is given");
        assertEquals(2, sender.stats().failed());
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
