package org.metlog;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.message.Severity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.spi.Filter;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.StdCapture;

class ClientFilterTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();

    private MetlogClient client(Filter... filters) {
        return MetlogClient.builder().sender(sender).logger("filtered").filters(List.of(filters)).build();
    }

    @Test
    void filters_run_in_order_and_the_first_false_stops_the_chain() {
        List<String> calls = new ArrayList<>();
        MetlogClient client = client(
            m -> calls.add("first") && true,
            m -> {
                calls.add("second");
                return !m.type().equals("dropped");
            },
            m -> calls.add("third"));
        client.metlog("dropped");
        assertEquals(List.of("first", "second"), calls);
        calls.clear();
        client.metlog("kept");
        assertEquals(List.of("first", "second", "third"), calls);
        assertEquals(1, sender.messages().size());
        assertEquals("kept", sender.last().get("type"));
    }

    @Test
    void a_filter_that_changes_the_message_is_seen_by_later_filters_and_the_sender() {
        MetlogClient client = client(
            m -> {
                m.setPayload("[redacted]");
                m.fields().put("filtered_by", "redactor");
                m.setSeverity(Severity.NOTICE);
                return true;
            },
            m -> m.payload().equals("[redacted]"));
        client.incr("hits");
        Map<String, Object> msg = sender.last();
        assertEquals("[redacted]", msg.get("payload"));
        assertEquals(5, msg.get("severity"));
        assertEquals(Map.of("name", "hits", "rate", 1.0, "filtered_by", "redactor"), msg.get("fields"));
    }

    @Test
    void the_seed_docs_example_keeps_warnings_and_worse_of_timer_and_oldstyle() {
        MetlogClient client = client(Filter.severityMax(4), Filter.typeWhitelist(List.of("timer", "oldstyle")));
        client.info("too chatty");
        client.warn("kept");
        client.incr("dropped by type");
        client.timerSend("kept timer", 5, 1.0, null, 4, null);
        client.timerSend("dropped timer", 5);
        assertEquals(2, sender.messages().size());
        assertEquals(3, client.stats().filtered());
        assertEquals(2, client.stats().sent());
    }

    @Test
    void filtered_messages_are_counted_in_client_stats() {
        MetlogClient client = client(Filter.typeBlacklist(List.of("counter")));
        client.incr("a");
        client.incr("b");
        client.info("x");
        DeliveryStats stats = client.stats();
        assertEquals(2, stats.filtered());
        assertEquals(1, stats.sent());
        assertEquals(0, stats.failed());
        assertEquals(3, stats.total());
    }

    @Test
    void a_filter_that_throws_is_reported_and_counted_and_never_reaches_the_caller() {
        MetlogClient client = client(m -> {
            throw new IllegalStateException("filter bug");
        });
        try (StdCapture err = StdCapture.stderr()) {
            assertDoesNotThrow(() -> client.info("hello"));
            String text = err.text();
            assertTrue(text.startsWith("Error sending message ({"), text);
            assertTrue(text.contains("\"payload\":\"hello\""), text);
            assertTrue(text.contains("IllegalStateException: filter bug"), text);
        }
        assertEquals(1, client.stats().failed());
        assertEquals(0, sender.messages().size());
    }

    @Test
    void send_message_runs_the_filters_then_the_sender() {
        MetlogClient client = client(Filter.severityMax(3));
        client.sendMessage(Message.builder("custom").severity(6).build());
        client.sendMessage(Message.builder("custom").severity(2).payload("urgent").build());
        assertEquals(1, sender.messages().size());
        assertEquals("urgent", sender.last().get("payload"));
    }

    @Test
    void filters_are_reported_in_order() {
        Filter a = Filter.severityMax(4);
        Filter b = Filter.ALL;
        assertEquals(List.of(a, b), client(a, b).filters());
    }
}
